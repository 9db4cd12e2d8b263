package dev.wificall.eap;

import java.util.Arrays;

/**
 * What a USIM answers to an AKA challenge (RAND, AUTN), TS 33.102 §6.3.3: the response and keys,
 * a synchronisation failure carrying AUTS, or a MAC failure. The byte arrays are copied in and out;
 * {@code toString()} gives sizes, never RES, CK, IK or AUTS.
 */
public sealed interface AkaChallengeResult {

    /** AUTN verified and its SQN fresh: RES (4 to 16 bytes; MILENAGE gives 8), CK and IK. */
    record Success(byte[] res, byte[] ck, byte[] ik) implements AkaChallengeResult {
        public Success {
            if (res == null || res.length < 4 || res.length > 16) {
                throw new IllegalArgumentException("RES must be 4 to 16 bytes; got "
                        + (res == null ? "none" : res.length));
            }
            res = res.clone();
            ck = Milenage.copy("CK", ck, 16);
            ik = Milenage.copy("IK", ik, 16);
        }

        @Override
        public byte[] res() {
            return res.clone();
        }

        @Override
        public byte[] ck() {
            return ck.clone();
        }

        @Override
        public byte[] ik() {
            return ik.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Success s && Arrays.equals(res, s.res) && Arrays.equals(ck, s.ck)
                    && Arrays.equals(ik, s.ik);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(res) + Arrays.hashCode(ck)) + Arrays.hashCode(ik);
        }

        @Override
        public String toString() {
            return "Success[RES " + res.length + " bytes, CK and IK hidden]";
        }
    }

    /**
     * AUTN was genuine but its SQN was not fresh: the USIM answers AUTS = (SQNms ⊕ AK*) ‖ MAC-S,
     * 14 bytes, for the network to resynchronise (EAP-AKA Synchronization-Failure, RFC 4187 §9.6).
     */
    record SynchronisationFailure(byte[] auts) implements AkaChallengeResult {
        public SynchronisationFailure {
            auts = Milenage.copy("AUTS", auts, Milenage.SQN_LENGTH + Milenage.MAC_LENGTH);
        }

        @Override
        public byte[] auts() {
            return auts.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SynchronisationFailure s && Arrays.equals(auts, s.auts);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(auts);
        }

        @Override
        public String toString() {
            return "SynchronisationFailure[AUTS 14 bytes]";
        }
    }

    /**
     * MAC-A in AUTN did not match: the challenge does not come from this subscriber's home network,
     * or K/OPc are not the ones the network holds (EAP-AKA Authentication-Reject, RFC 4187 §9.5).
     */
    record MacFailure() implements AkaChallengeResult {
    }
}
