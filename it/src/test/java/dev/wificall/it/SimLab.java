package dev.wificall.it;

/**
 * The SIM lab of it/lab/sim.sh (see it/lab/README.md): pcscd with a vpcd reader, the virtual USIM in
 * it. Brought up once per run (root store) and down when the run ends: the JDK keeps one PC/SC
 * context per JVM, which a pcscd restarted under it would leave dead, so no test restarts it; tests
 * change the card with {@link Handle#card} (remove, then insert with options) instead.
 */
final class SimLab extends OncePerRun<SimLab.Handle> {
    /** pcscd's name for vpcd's first slot: FRIENDLYNAME of sim.sh's reader.conf, reader 00, slot 00. */
    static final String READER = "wificall vpcd 00 00";
    /** The virtual card's PIN1 unless an insert says otherwise. */
    static final String PIN = "1234";

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

    SimLab() {
        super(Handle.class, () -> new Handle(Lab.sim()));
    }
}
