package dev.wificall.sim;

/** A connection to the card in one reader, as {@link ReaderSim} uses it: APDUs, the reader's name, and a close that resets the card. */
interface ReaderLink extends ApduLink, AutoCloseable {

    /** The reader's full name, as PC/SC lists it. */
    String reader();

    /** Disconnects with a reset; never throws. */
    @Override
    void close();
}
