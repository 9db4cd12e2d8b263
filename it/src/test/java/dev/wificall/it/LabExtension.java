package dev.wificall.it;

/**
 * Brings the lab up once for the whole test run (kept in the root store, closed when the run ends,
 * also after failures) and hands it to tests that take a {@link Lab} parameter.
 */
final class LabExtension extends OncePerRun<Lab> {

    LabExtension() {
        super(Lab.class, Lab::up);
    }
}
