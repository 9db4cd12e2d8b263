package dev.wificall.it;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A lab brought up once for the whole test run, kept in the root store (so JUnit closes it when the
 * run ends, also after failures) and handed to tests that take a parameter of its type.
 */
abstract class OncePerRun<T extends AutoCloseable> implements BeforeAllCallback, ParameterResolver {
    private final Class<T> type;
    private final Supplier<T> up;

    OncePerRun(Class<T> type, Supplier<T> up) {
        this.type = type;
        this.up = up;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        get(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return get(context);
    }

    private T get(ExtensionContext context) {
        ExtensionContext.Namespace namespace = ExtensionContext.Namespace.create(getClass());
        return context.getRoot().getStore(namespace).getOrComputeIfAbsent(type, k -> up.get(), type);
    }
}
