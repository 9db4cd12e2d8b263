package dev.wificall.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The SIM lab of it/lab/sim.sh (see it/lab/README.md): pcscd with a vpcd reader, the virtual USIM in
 * it. Brought up once per run (root store) and down when the run ends: the JDK keeps one PC/SC
 * context per JVM, which a pcscd restarted under it would leave dead, so no test restarts it; tests
 * change the card with {@link Handle#card} (remove, then insert with options) instead.
 */
final class SimLab implements BeforeAllCallback, ParameterResolver {
    /** pcscd's name for vpcd's first slot: FRIENDLYNAME of sim.sh's reader.conf, reader 00, slot 00. */
    static final String READER = "wificall vpcd 00 00";
    /** The virtual card's PIN1 unless an insert says otherwise. */
    static final String PIN = "1234";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SimLab.class);

    /** The lab's card commands. */
    record Handle(Lab lab) implements AutoCloseable {
        /** A new card in the reader, with VpcdCard's options (--tries N, --highest-sqn N, --pin P). */
        void card(String... options) {
            lab.command("remove");
            String[] insert = new String[options.length + 1];
            insert[0] = "insert";
            System.arraycopy(options, 0, insert, 1, options.length);
            lab.command(insert);
        }

        void remove() {
            lab.command("remove");
        }

        String logs() {
            return lab.logs();
        }

        @Override
        public void close() {
            lab.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        handle(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Handle.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return handle(context);
    }

    private static Handle handle(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Handle.class, k -> new Handle(Lab.sim()), Handle.class);
    }
}
