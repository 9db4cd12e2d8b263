package dev.wificall.eap;

import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * The subscriber secrets a software USIM needs: IMSI, K and OPc (or OP, from which OPc is derived).
 *
 * <p>Loaded from configuration strings or from the environment ({@value #ENV_IMSI},
 * {@value #ENV_K}, and one of {@value #ENV_OPC} or {@value #ENV_OP}). Errors say which setting is
 * wrong and how long it was, never its value; {@link #toString()} shows the masked IMSI only.
 * Keep these values out of files under version control: a lab SIM's K opens its subscription.
 */
public final class UsimCredentials {

    public static final String ENV_IMSI = "WIFICALL_IMSI";
    public static final String ENV_K = "WIFICALL_K";
    public static final String ENV_OPC = "WIFICALL_OPC";
    public static final String ENV_OP = "WIFICALL_OP";

    private final Imsi imsi;
    private final byte[] k;
    private final byte[] opc;

    private UsimCredentials(Imsi imsi, byte[] k, byte[] opc) {
        this.imsi = Objects.requireNonNull(imsi, "imsi");
        this.k = k;
        this.opc = opc;
    }

    /** From K and OPc as bytes (copied). */
    public static UsimCredentials withOpc(Imsi imsi, byte[] k, byte[] opc) {
        return new UsimCredentials(imsi, Milenage.copy("K", k, 16), Milenage.copy("OPc", opc, 16));
    }

    /** From K and OP as bytes; OPc is derived (TS 35.206 §4.1). */
    public static UsimCredentials withOp(Imsi imsi, byte[] k, byte[] op) {
        return new UsimCredentials(imsi, Milenage.copy("K", k, 16), Milenage.opc(k, op));
    }

    /**
     * From configuration strings: the IMSI in digits, K and exactly one of OPc or OP as 32 hex
     * digits (spaces, colons and a leading {@code 0x} are ignored).
     *
     * @param opcHex OPc, or null when OP is given
     * @param opHex  OP, or null when OPc is given
     */
    public static UsimCredentials parse(String imsi, String kHex, String opcHex, String opHex) {
        return load(imsi, kHex, opcHex, opHex, "IMSI", "K", "OPc", "OP");
    }

    /** From the process environment: {@value #ENV_IMSI}, {@value #ENV_K}, {@value #ENV_OPC} or {@value #ENV_OP}. */
    public static UsimCredentials fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** From a map of environment variables (for tests and for front ends that gather them). */
    public static UsimCredentials fromEnvironment(Map<String, String> env) {
        return load(env.get(ENV_IMSI), env.get(ENV_K), env.get(ENV_OPC), env.get(ENV_OP),
                ENV_IMSI, ENV_K, ENV_OPC, ENV_OP);
    }

    private static UsimCredentials load(String imsiText, String kText, String opcText, String opText,
            String imsiName, String kName, String opcName, String opName) {
        if (imsiText == null || imsiText.isBlank()) {
            throw new IllegalArgumentException(imsiName + " is not set; give the subscriber's IMSI, 6 to 15 digits");
        }
        Imsi imsi;
        try {
            imsi = Imsi.parse(imsiText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(imsiName + ": " + e.getMessage(), e);
        }
        byte[] k = hex(kName, kText);
        boolean hasOpc = opcText != null && !opcText.isBlank();
        boolean hasOp = opText != null && !opText.isBlank();
        if (hasOpc && hasOp) {
            throw new IllegalArgumentException("both " + opcName + " and " + opName
                    + " are set; give only one (OPc as the SIM vendor provides it, or OP to derive OPc from)");
        }
        if (!hasOpc && !hasOp) {
            throw new IllegalArgumentException("neither " + opcName + " nor " + opName
                    + " is set; give one (OPc as the SIM vendor provides it, or OP to derive OPc from)");
        }
        return hasOpc ? new UsimCredentials(imsi, k, hex(opcName, opcText))
                : new UsimCredentials(imsi, k, Milenage.opc(k, hex(opName, opText)));
    }

    /** 32 hex digits to 16 bytes; the error gives the name and the length, never the value. */
    static byte[] hex(String name, String text) {
        String expected = name + " must be 32 hex digits (16 bytes)";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(name + " is not set; " + expected);
        }
        String digits = text.strip().replaceFirst("^0[xX]", "").replaceAll("[\\s:]", "");
        boolean allHex = digits.chars().allMatch(c -> Character.digit(c, 16) >= 0);
        if (!allHex || digits.length() != 32) {
            throw new IllegalArgumentException(expected + "; got " + digits.length() + " characters"
                    + (allHex ? "" : ", not all hex digits"));
        }
        return HexFormat.of().parseHex(digits);
    }

    public Imsi imsi() {
        return imsi;
    }

    /** A copy of K. */
    public byte[] k() {
        return k.clone();
    }

    /** A copy of OPc. */
    public byte[] opc() {
        return opc.clone();
    }

    /** MILENAGE keyed with these credentials. */
    public Milenage milenage() {
        return Milenage.withOpc(k, opc);
    }

    @Override
    public String toString() {
        return "UsimCredentials[IMSI " + imsi.masked() + ", K and OPc hidden]";
    }
}
