package dev.wificall.audit;

import dev.wificall.probe.ProbeSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How an audit asks its questions.
 *
 * <p>Politeness: an audit sends about fifty exchanges per address and port. By default one exchange
 * is in flight per address and port (each check is one round over all targets, the next round starts
 * when it ends) and the engine sends at most {@link #DEFAULT_PACKETS_PER_SECOND} datagrams a second;
 * {@code exchangesPerAddress} and the probe's rate raise both, for one's own lab.
 *
 * @param probe               retransmission, deadline and rate of each exchange (the broad re-check is always off)
 * @param exchangesPerAddress rounds run at once, so exchanges in flight per address and port (1 to 16)
 * @param profiles            the profiles that judge the outcomes, in order
 * @param transforms          whether to ask the single-transform checks (40 more exchanges per target)
 * @param phones              whether to replay the audited operator's phone profiles
 * @param postQuantum         whether to ask the hybrid post-quantum checks ({@link HybridKeyExchange}, 2 more
 *                            exchanges per answering target)
 */
public record AuditSettings(ProbeSettings probe, int exchangesPerAddress, List<AuditProfile> profiles, boolean transforms,
                            boolean phones, boolean postQuantum) {
    /** Datagrams a second over the whole audit: a full audit of one address and both ports takes about 2 s of sending. */
    public static final int DEFAULT_PACKETS_PER_SECOND = 50;
    static final int MAX_EXCHANGES_PER_ADDRESS = 16;

    /**
     * 3 s per exchange as the USENIX 2024 scan used, requests at 0, 0.5 and 1.5 s (a responder busy
     * with big MODP groups answers late, and an audit is in no hurry); no broad re-check.
     */
    public static final AuditSettings DEFAULTS = new AuditSettings(
            new ProbeSettings(Duration.ofMillis(500), Duration.ofSeconds(3)).withBroadRecheck(false)
                    .withPacketsPerSecond(DEFAULT_PACKETS_PER_SECOND).withGlobalDeadline(Duration.ofHours(2)),
            1, List.of(AuditProfile.RFC_8247, AuditProfile.PHONES), true, true, true);

    public AuditSettings {
        Objects.requireNonNull(probe, "probe");
        probe = probe.withBroadRecheck(false);
        if (exchangesPerAddress < 1 || exchangesPerAddress > MAX_EXCHANGES_PER_ADDRESS) {
            throw new IllegalArgumentException("exchanges per address " + exchangesPerAddress + " must be between 1 and "
                    + MAX_EXCHANGES_PER_ADDRESS + " (1 is polite towards an ePDG that is not yours)");
        }
        profiles = List.copyOf(profiles);
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("no audit profile given; expected one or more of "
                    + AuditProfile.names());
        }
    }

    /** With the post-quantum checks. */
    public AuditSettings(ProbeSettings probe, int exchangesPerAddress, List<AuditProfile> profiles, boolean transforms,
                         boolean phones) {
        this(probe, exchangesPerAddress, profiles, transforms, phones, true);
    }

    public AuditSettings withProbe(ProbeSettings p) {
        return new AuditSettings(p, exchangesPerAddress, profiles, transforms, phones, postQuantum);
    }

    public AuditSettings withExchangesPerAddress(int n) {
        return new AuditSettings(probe, n, profiles, transforms, phones, postQuantum);
    }

    public AuditSettings withProfiles(List<AuditProfile> p) {
        return new AuditSettings(probe, exchangesPerAddress, p, transforms, phones, postQuantum);
    }

    public AuditSettings withTransforms(boolean on) {
        return new AuditSettings(probe, exchangesPerAddress, profiles, on, phones, postQuantum);
    }

    public AuditSettings withPhones(boolean on) {
        return new AuditSettings(probe, exchangesPerAddress, profiles, transforms, on, postQuantum);
    }

    public AuditSettings withPostQuantum(boolean on) {
        return new AuditSettings(probe, exchangesPerAddress, profiles, transforms, phones, on);
    }
}
