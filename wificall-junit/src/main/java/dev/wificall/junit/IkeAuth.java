package dev.wificall.junit;

import dev.wificall.attach.AttachMode;
import java.util.Optional;

/**
 * How far {@link EpdgReachable} (or the builder) goes past IKE_SA_INIT, as the configuration
 * parameter {@code wificall.ikeAuth} spells it ({@code none}, {@code probe}, {@code attach}).
 */
public enum IkeAuth {
    /** Not set here: {@code wificall.ikeAuth} decides, else {@link #NONE}. */
    DEFAULT,
    /** IKE_SA_INIT only: the ePDG is reachable. */
    NONE,
    /**
     * IKE_AUTH without a SIM, up to the ePDG's first answer: its certificate chain (judged against
     * {@code trustStore}), its AUTH signature, the EAP method it asks for, and whether the answer came
     * in IKE fragments. Needs no credentials.
     */
    PROBE,
    /**
     * A full EAP-AKA attach with the subscriber's credentials: the inner address, DNS and P-CSCF the
     * ePDG assigns. Credentials come from the builder's {@code credentials(...)}, else the configuration
     * parameters {@code wificall.imsi}, {@code wificall.k} and {@code wificall.opc} (or {@code wificall.op}),
     * else the environment ({@code WIFICALL_IMSI}, {@code WIFICALL_K}, {@code WIFICALL_OPC} or
     * {@code WIFICALL_OP}); prefer the environment, a K in a file under version control opens the subscription.
     * Or the SIM in a PC/SC card reader: the builder's {@code simReader(...)} or {@code wificall.sim.reader}
     * (a reader's name, a unique part of it, or its index), its PIN from {@code wificall.sim.pinFile} or the
     * environment's {@code WIFICALL_SIM_PIN}; the SIM then wins over the environment's keys.
     */
    ATTACH;

    /** The engine's mode; empty for {@link #DEFAULT}. */
    Optional<AttachMode> mode() {
        return this == DEFAULT ? Optional.empty() : Optional.of(AttachMode.valueOf(name()));
    }
}
