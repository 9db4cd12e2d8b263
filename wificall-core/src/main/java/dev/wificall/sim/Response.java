package dev.wificall.sim;

/**
 * A card's answer: the data and the status word SW1 SW2 (ISO 7816-4 §5.1.3). The data may hold RES,
 * CK and IK: {@code toString()} gives its size and the status only, and the reader wipes it after use.
 */
record Response(byte[] data, int sw) {

    static final int OK = 0x9000;

    int sw1() {
        return sw >>> 8;
    }

    int sw2() {
        return sw & 0xff;
    }

    /**
     * 9000, or 91xx / 92xx: done, with a proactive command or data-transfer news pending that this
     * host does not fetch (TS 102 221 §10.2.1.1).
     */
    boolean ok() {
        return sw == OK || sw1() == 0x91 || sw1() == 0x92;
    }

    @Override
    public String toString() {
        return "Response[" + data.length + " data bytes, SW " + StatusWords.describe(sw) + "]";
    }
}
