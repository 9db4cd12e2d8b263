package dev.wificall.sim;

import java.io.IOException;

/**
 * One card, as the USIM code sees it: a command APDU in (ISO 7816-4: CLA INS P1 P2 [Lc data] [Le]),
 * the response out, data followed by the two status bytes SW1 SW2. A PC/SC reader
 * ({@code javax.smartcardio}) is one link; the testkit's virtual USIM is another, so the same USIM
 * code runs against both.
 */
@FunctionalInterface
public interface ApduLink {

    /**
     * Sends one command and returns the card's whole response (at least SW1 SW2).
     *
     * @throws IOException when the card cannot be reached: removed, reset, or the reader gone
     */
    byte[] transmit(byte[] command) throws IOException;
}
