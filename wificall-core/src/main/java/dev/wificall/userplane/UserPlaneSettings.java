package dev.wificall.userplane;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the user-plane check does through the tunnel after a full attach.
 *
 * @param answerTimeout how long each inner request (echo, DNS query, SIP OPTIONS) waits for its answer
 * @param keepAlive     NAT-keepalive interval during the checks (Android's carrier-config default is 20 s);
 *                      {@link Duration#ZERO} for none. The lifetime measurement always runs without.
 * @param echoTarget    the address behind the ePDG that the inner echo goes to; empty: the assigned DNS
 *                      servers, then the P-CSCFs
 * @param dnsNames      names the inner DNS must answer; empty: the IMS domain of the PLMN
 *                      ({@code ims.mncXXX.mccYYY.3gppnetwork.org})
 * @param sipPort       the P-CSCF's SIP port (5060)
 * @param sip           whether to send SIP OPTIONS to the P-CSCFs over UDP and TCP
 * @param mtu           whether to measure the largest inner packet that gets through
 * @param lifetime      the mapping-lifetime measurement; empty to skip it
 */
public record UserPlaneSettings(Duration answerTimeout, Duration keepAlive, Optional<InetAddress> echoTarget,
                                List<String> dnsNames, int sipPort, boolean sip, boolean mtu, Optional<Lifetime> lifetime) {

    public static final UserPlaneSettings DEFAULTS = new UserPlaneSettings(Duration.ofSeconds(3), Duration.ofSeconds(20),
            Optional.empty(), List.of(), 5060, true, true, Optional.empty());

    public UserPlaneSettings {
        positive("the user-plane answer timeout", answerTimeout);
        if (keepAlive.isNegative()) {
            throw new IllegalArgumentException("the NAT-keepalive interval must be 0 (none) or positive, not " + keepAlive);
        }
        Objects.requireNonNull(echoTarget, "echoTarget");
        dnsNames = List.copyOf(dnsNames);
        if (sipPort < 1 || sipPort > 65535) {
            throw new IllegalArgumentException("the SIP port must be 1 to 65535, not " + sipPort);
        }
        Objects.requireNonNull(lifetime, "lifetime");
    }

    public UserPlaneSettings withLifetime(Lifetime l) {
        return new UserPlaneSettings(answerTimeout, keepAlive, echoTarget, dnsNames, sipPort, sip, mtu, Optional.of(l));
    }

    public UserPlaneSettings withDnsNames(List<String> names) {
        return new UserPlaneSettings(answerTimeout, keepAlive, echoTarget, names, sipPort, sip, mtu, lifetime);
    }

    public UserPlaneSettings withKeepAlive(Duration interval) {
        return new UserPlaneSettings(answerTimeout, interval, echoTarget, dnsNames, sipPort, sip, mtu, lifetime);
    }

    public UserPlaneSettings withAnswerTimeout(Duration timeout) {
        return new UserPlaneSettings(timeout, keepAlive, echoTarget, dnsNames, sipPort, sip, mtu, lifetime);
    }

    public UserPlaneSettings withEchoTarget(InetAddress target) {
        return new UserPlaneSettings(answerTimeout, keepAlive, Optional.of(target), dnsNames, sipPort, sip, mtu, lifetime);
    }

    /**
     * The mapping lifetime through the tunnel: a reflector behind the ePDG (wificall-testkit's
     * Reflector) answers after the idle time under test; searched from {@code lower} (doubling, then
     * halving, see {@link MappingLifetime}) up to {@code upper}, to {@code step}, within {@code budget}.
     * With {@code keepAliveCheck} set and a loss found, a last request waits twice the loss (at least
     * 20 s, at most {@code upper}, inside the budget) while NAT-keepalives go out at that interval: the
     * answer must arrive.
     *
     * @param key the reflector's shared key (16 bytes or more); never shown
     */
    public record Lifetime(InetSocketAddress reflector, byte[] key, Duration lower, Duration upper, Duration step,
                           Duration budget, Optional<Duration> keepAliveCheck) {
        public Lifetime {
            Objects.requireNonNull(reflector, "reflector");
            if (key.length < 16) {
                throw new IllegalArgumentException("the reflector key must have at least 16 bytes, not " + key.length);
            }
            key = key.clone();
            positive("the lower bound of the mapping lifetime", lower);
            positive("the step of the mapping lifetime", step);
            positive("the time budget of the mapping lifetime", budget);
            if (upper.compareTo(lower) <= 0) {
                throw new IllegalArgumentException("the upper bound of the mapping lifetime (" + upper.toSeconds()
                        + " s) must be above the lower bound (" + lower.toSeconds() + " s)");
            }
            Objects.requireNonNull(keepAliveCheck, "keepAliveCheck");
            keepAliveCheck.ifPresent(k -> positive("the keep-alive check's interval", k));
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        /** Bounds and reflector, never the key. */
        @Override
        public String toString() {
            return "Lifetime[reflector " + reflector + ", " + lower.toMillis() + ".." + upper.toMillis() + " ms, step "
                    + step.toMillis() + " ms, budget " + budget.toSeconds() + " s"
                    + keepAliveCheck.map(k -> ", keep-alive check every " + k.toMillis() + " ms").orElse("") + "]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Lifetime l && l.reflector.equals(reflector) && java.util.Arrays.equals(l.key, key)
                    && l.lower.equals(lower) && l.upper.equals(upper) && l.step.equals(step) && l.budget.equals(budget)
                    && l.keepAliveCheck.equals(keepAliveCheck);
        }

        @Override
        public int hashCode() {
            return Objects.hash(reflector, lower, upper, step, budget, keepAliveCheck);
        }
    }

    private static void positive(String what, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, not " + d);
        }
    }
}
