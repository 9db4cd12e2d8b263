package dev.wificall.eap;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * A USIM in software: MILENAGE from K and OPc, the USIM side of AKA (TS 33.102 §6.3.3).
 *
 * <p>For a challenge (RAND, AUTN) it computes AK = f5(RAND), recovers SQN = (SQN ⊕ AK) ⊕ AK, checks
 * MAC-A = f1(RAND, SQN, AMF) against AUTN, then checks that SQN is fresh. The freshness check is
 * TS 33.102 Annex C simplified to one counter: a SQN is accepted when it is greater than the
 * highest accepted so far, which then becomes the highest. A stale SQN gives a synchronisation
 * failure with AUTS = (SQNms ⊕ f5*(RAND)) ‖ f1*(RAND, SQNms, AMF 0000) (TS 33.102 §6.3.3 and
 * §6.3.5), SQNms being the highest accepted. {@link SqnCheck#ACCEPT_ANY} skips the check, for
 * labs whose HSS derives SQN from the clock or that reuse vectors.
 *
 * <p>Thread-safe; the highest SQN lives in memory only, so a new instance starts from
 * {@link Builder#highestSqn(long)} (0 unless set).
 */
public final class SoftUsim implements CredentialSource {

    /** How SQN freshness is checked. */
    public enum SqnCheck {
        /** Accept a SQN only when it is greater than the highest accepted so far. */
        FRESHER_THAN_HIGHEST,
        /** Accept any SQN once MAC-A is right (time-based or replayed lab vectors). */
        ACCEPT_ANY
    }

    /** The largest 48-bit SQN. */
    public static final long MAX_SQN = (1L << 48) - 1;
    private static final byte[] RESYNC_AMF = new byte[Milenage.AMF_LENGTH];

    private final Imsi imsi;
    private final Milenage milenage;
    private final SqnCheck sqnCheck;
    private long highestSqn;

    private SoftUsim(Builder builder) {
        this.imsi = builder.credentials.imsi();
        this.milenage = builder.credentials.milenage();
        this.sqnCheck = builder.sqnCheck;
        this.highestSqn = builder.highestSqn;
    }

    /** A USIM that checks freshness, starting from SQN 0. */
    public static SoftUsim of(UsimCredentials credentials) {
        return builder(credentials).build();
    }

    public static Builder builder(UsimCredentials credentials) {
        return new Builder(credentials);
    }

    @Override
    public Imsi imsi() {
        return imsi;
    }

    public SqnCheck sqnCheck() {
        return sqnCheck;
    }

    /** The highest SQN accepted so far (SQNms), or the starting value. */
    public synchronized long highestSqn() {
        return highestSqn;
    }

    @Override
    public synchronized AkaChallengeResult authenticate(byte[] rand, byte[] autn) {
        byte[] r = Milenage.copy("RAND", rand, Milenage.RAND_LENGTH);
        byte[] a = Milenage.copy("AUTN", autn, Milenage.AUTN_LENGTH);
        byte[] concealed = slice(a, 0, Milenage.SQN_LENGTH);
        byte[] amf = slice(a, Milenage.SQN_LENGTH, Milenage.AMF_LENGTH);
        byte[] mac = slice(a, Milenage.SQN_LENGTH + Milenage.AMF_LENGTH, Milenage.MAC_LENGTH);

        byte[] sqn = Milenage.xor(concealed, milenage.f5(r));
        if (!MessageDigest.isEqual(mac, milenage.f1(r, sqn, amf))) {
            return new AkaChallengeResult.MacFailure();
        }
        long received = toLong(sqn);
        if (sqnCheck == SqnCheck.FRESHER_THAN_HIGHEST) {
            if (received <= highestSqn) {
                return new AkaChallengeResult.SynchronisationFailure(auts(r));
            }
            highestSqn = received;
        } else if (received > highestSqn) {
            highestSqn = received;
        }
        return new AkaChallengeResult.Success(milenage.f2(r), milenage.f3(r), milenage.f4(r));
    }

    /** AUTS = (SQNms ⊕ AK*) ‖ MAC-S, with MAC-S = f1*(RAND, SQNms, AMF 0000). */
    private byte[] auts(byte[] rand) {
        byte[] sqnMs = toBytes(highestSqn);
        byte[] auts = new byte[Milenage.SQN_LENGTH + Milenage.MAC_LENGTH];
        System.arraycopy(Milenage.xor(sqnMs, milenage.f5Star(rand)), 0, auts, 0, Milenage.SQN_LENGTH);
        System.arraycopy(milenage.f1Star(rand, sqnMs, RESYNC_AMF), 0, auts, Milenage.SQN_LENGTH,
                Milenage.MAC_LENGTH);
        return auts;
    }

    @Override
    public String description() {
        return "software USIM";
    }

    @Override
    public String toString() {
        return "SoftUsim[IMSI " + imsi.masked() + ", " + sqnCheck + ", K and OPc hidden]";
    }

    static long toLong(byte[] sqn) {
        long value = 0;
        for (byte b : sqn) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }

    static byte[] toBytes(long sqn) {
        byte[] out = new byte[Milenage.SQN_LENGTH];
        for (int i = Milenage.SQN_LENGTH - 1; i >= 0; i--) {
            out[i] = (byte) sqn;
            sqn >>>= 8;
        }
        return out;
    }

    private static byte[] slice(byte[] from, int offset, int length) {
        byte[] out = new byte[length];
        System.arraycopy(from, offset, out, 0, length);
        return out;
    }

    /** Configures a {@link SoftUsim}. */
    public static final class Builder {
        private final UsimCredentials credentials;
        private SqnCheck sqnCheck = SqnCheck.FRESHER_THAN_HIGHEST;
        private long highestSqn;

        private Builder(UsimCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
        }

        public Builder sqnCheck(SqnCheck sqnCheck) {
            this.sqnCheck = Objects.requireNonNull(sqnCheck, "sqnCheck");
            return this;
        }

        /** The SQNms to start from, e.g. the last value a previous run accepted; 0 by default. */
        public Builder highestSqn(long sqn) {
            if (sqn < 0 || sqn > MAX_SQN) {
                throw new IllegalArgumentException("SQN must be 0 to 2^48-1; got " + sqn);
            }
            this.highestSqn = sqn;
            return this;
        }

        public SoftUsim build() {
            return new SoftUsim(this);
        }
    }
}
