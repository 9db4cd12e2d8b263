package dev.wificall.testkit;

import dev.wificall.ike.DhGroup;
import dev.wificall.ike.DhKeyPair;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One fixed DH key pair per group and one nonce, for simulators that answer with them
 * ({@link Behaviour#reusedNonce()} takes the nonce) ({@link Behaviour#sharedKey()},
 * {@link Behaviour#staticKe()}): given to several simulators with
 * {@link EpdgSimulator.Builder#staticKeys}, they play ePDGs of several operators that share one private
 * key, as the ZTE ePDGs of CVE-2024-22064 did. Thread-safe.
 */
public final class StaticKeys {
    private final Map<DhGroup, DhKeyPair> pairs = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final byte[] nonce = new byte[SaInitResponder.NONCE_LENGTH];

    private StaticKeys() {
        random.nextBytes(nonce);
    }

    public static StaticKeys create() {
        return new StaticKeys();
    }

    /** The group's pair, made on first use. */
    synchronized DhKeyPair pair(DhGroup group) {
        return pairs.computeIfAbsent(Objects.requireNonNull(group, "group"), g -> g.generateKeyPair(random));
    }

    /** The one nonce of {@link Behaviour#reusedNonce()} and {@link Behaviour#staticKe()}. */
    byte[] nonce() {
        return nonce.clone();
    }

    /** The KE public value every simulator sharing these keys sends for {@code group}. */
    public byte[] publicValue(DhGroup group) {
        return pair(group).publicValue();
    }
}
