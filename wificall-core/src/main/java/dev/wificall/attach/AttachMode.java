package dev.wificall.attach;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How far a check goes past IKE_SA_INIT, as both front ends spell it ({@code wificall.ikeAuth}). */
public enum AttachMode {
    /** Stop at IKE_SA_INIT (the default): reachability only. */
    NONE,
    /** IKE_AUTH without a SIM: the ePDG's certificate chain, its AUTH signature, the EAP method it asks for. */
    PROBE,
    /** A full EAP-AKA attach with the subscriber's credentials (IMSI, K, OPc). */
    ATTACH;

    /** @throws IllegalArgumentException naming the text and the values expected */
    public static AttachMode parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (AttachMode m : values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("IKE_AUTH mode '" + text + "' is not known; expected one of "
                + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + " (none: IKE_SA_INIT only; probe: the ePDG's certificate and EAP request without a SIM; "
                + "attach: EAP-AKA with WIFICALL_IMSI, WIFICALL_K and WIFICALL_OPC)");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
