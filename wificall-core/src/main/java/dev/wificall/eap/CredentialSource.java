package dev.wificall.eap;

/**
 * A subscriber identity and the USIM that answers AKA challenges for it.
 *
 * <p>{@link SoftUsim} runs MILENAGE in software from K and OPc; {@code dev.wificall.sim.UsimCard}
 * is a real card (in a PC/SC reader or the testkit's virtual one): the AUTHENTICATE command in 3G
 * context (TS 31.102 §7.1.2) returns RES, CK and IK, or AUTS, from a card whose K never leaves it.
 * A card can fail while it is asked (pulled out of the reader): that is an unchecked
 * {@code dev.wificall.sim.SimException}, which the attach turns into its own outcome.
 */
public interface CredentialSource {

    /** The subscriber's IMSI; its {@code toString()} is masked. */
    Imsi imsi();

    /**
     * Runs the USIM side of AKA (TS 33.102 §6.3.3) on a challenge.
     *
     * @param rand the 16-byte RAND (AT_RAND)
     * @param autn the 16-byte AUTN (AT_AUTN)
     * @throws IllegalArgumentException if RAND or AUTN is not 16 bytes
     */
    AkaChallengeResult authenticate(byte[] rand, byte[] autn);

    /**
     * What answers the challenges, for sentences a person reads: "software USIM", "SIM in reader
     * 'X'". Never a secret.
     */
    default String description() {
        return "USIM";
    }
}
