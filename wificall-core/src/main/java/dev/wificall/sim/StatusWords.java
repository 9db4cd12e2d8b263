package dev.wificall.sim;

/** Status words by name, for messages (ISO 7816-4 §5.1.3, TS 102 221 §10.2.1, TS 31.102 §7.3). */
final class StatusWords {

    private StatusWords() {
    }

    /** "6A82 (file not found)", or just the hex for a status word without a name here. */
    static String describe(int sw) {
        String name = name(sw);
        return String.format("%04X", sw) + (name == null ? "" : " (" + name + ")");
    }

    private static String name(int sw) {
        int sw1 = sw >>> 8;
        int sw2 = sw & 0xff;
        if (sw1 == 0x63 && (sw2 & 0xf0) == 0xc0) {
            return "verification failed, " + (sw2 & 0x0f) + " tries left";
        }
        if (sw1 == 0x61) {
            return sw2 + " response bytes available";
        }
        if (sw1 == 0x6c) {
            return "wrong Le, " + sw2 + " bytes available";
        }
        return switch (sw) {
            case 0x9000 -> "success";
            case 0x6200 -> "warning, no information given";
            case 0x6281 -> "part of the returned data may be corrupted";
            case 0x6282 -> "end of file or record reached before reading Le bytes";
            case 0x6400 -> "execution error, no information given";
            case 0x6581 -> "memory problem";
            case 0x6700 -> "wrong length";
            case 0x6881 -> "logical channel not supported";
            case 0x6981 -> "command incompatible with file structure";
            case 0x6982 -> "security status not satisfied";
            case 0x6983 -> "authentication/PIN method blocked";
            case 0x6984 -> "referenced data invalidated";
            case 0x6985 -> "conditions of use not satisfied";
            case 0x6986 -> "command not allowed, no EF selected";
            case 0x6a80 -> "incorrect parameters in the data field";
            case 0x6a81 -> "function not supported";
            case 0x6a82 -> "file or application not found";
            case 0x6a83 -> "record not found";
            case 0x6a84 -> "not enough memory space";
            case 0x6a86 -> "incorrect parameters P1 to P2";
            case 0x6a87 -> "Lc inconsistent with P1 to P2";
            case 0x6a88 -> "referenced data not found";
            case 0x6b00 -> "wrong parameters P1 to P2";
            case 0x6d00 -> "instruction not supported";
            case 0x6e00 -> "class not supported";
            case 0x6f00 -> "technical problem, no precise diagnosis";
            case 0x9862 -> "authentication error, incorrect MAC";
            case 0x9864 -> "authentication error, security context not supported";
            case 0x9865 -> "key freshness failure";
            default -> null;
        };
    }
}
