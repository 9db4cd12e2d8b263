package dev.wificall.junit;

import dev.wificall.discovery.SelectionInput;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;
import org.junit.jupiter.params.support.ParameterDeclarations;

/** The arguments of {@link OperatorSource}: checks or texts, by the first parameter's type. */
final class OperatorArgumentsProvider implements ArgumentsProvider, AnnotationConsumer<OperatorSource> {

    private String[] operators = {};

    @Override
    public void accept(OperatorSource source) {
        this.operators = source.value();
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        String where = "@OperatorSource on " + context.getRequiredTestMethod();
        if (operators.length == 0) {
            throw new ExtensionConfigurationException(where + ": no operator; name at least one, e.g."
                    + " @OperatorSource({\"262-01\", \"262-02\"})");
        }
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < operators.length; i++) {
            requests.add(Request.of(where + " item " + (i + 1), input(where, i, operators[i])));
        }
        Class<?> type = parameters.getFirst().map(p -> p.getParameterType()).orElse(null);
        if (type == String.class) {
            return Stream.of(operators).map(Arguments::of);
        }
        if (type != WifiCallingResult.class) {
            throw new ExtensionConfigurationException(where + ": the first parameter is " + (type == null ? "missing"
                    : type.getSimpleName()) + "; expected WifiCallingResult (the operator's check) or String");
        }
        return Checks.results(context, requests).stream().map(Arguments::of);
    }

    private static SelectionInput input(String where, int index, String text) {
        try {
            return OperatorText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": item " + (index + 1) + " \"" + text + "\": "
                    + e.getMessage());
        }
    }
}
