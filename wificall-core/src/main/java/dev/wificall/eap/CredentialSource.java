package dev.wificall.eap;

/**
 * A subscriber identity and the USIM that answers AKA challenges for it.
 *
 * <p>{@link SoftUsim} runs MILENAGE in software from K and OPc. The next implementation is a PC/SC
 * reader through {@code javax.smartcardio}: SELECT the USIM application, then the AUTHENTICATE
 * command in 3G context (TS 31.102 §7.1.2), which returns RES, CK and IK, or AUTS, from a real
 * card whose K never leaves it.
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
}
