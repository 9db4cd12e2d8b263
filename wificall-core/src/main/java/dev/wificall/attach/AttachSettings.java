package dev.wificall.attach;

import dev.wificall.eap.CredentialSource;
import dev.wificall.eap.Imsi;
import dev.wificall.ike.IkeProposals;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the IKE_AUTH probe behaves. Without credentials it stops at the ePDG's first IKE_AUTH answer
 * (certificate chain, AUTH signature, EAP method); with them it attaches with EAP-AKA.
 *
 * @param credentials       the subscriber's USIM; empty for the probe without a SIM
 * @param apn               IDr, the access point name a phone asks for ("ims")
 * @param trust             anchors for the ePDG's certificate chain; none means the chain is reported, not judged
 * @param expiryWarningDays a certificate expiring within this many days is a warning
 * @param deadline          the whole attach, from the first IKE_SA_INIT to the last answer
 * @param exchangeTimeout   one request/answer exchange including its retransmissions
 * @param initialWait       the first retransmission interval; it doubles after each one (RFC 7296 §2.4)
 * @param portOffset        added to 500 and 4500 (a simulator on this host), 0 for an ePDG
 * @param fragmentSize      the largest IKE message we send before splitting it (RFC 7383 §2.5.1)
 * @param offer             the IKE_SA_INIT proposals
 * @param clock             the time certificates are judged at
 * @param probeImsi         without credentials, the IMSI whose NAI is IDi (an ePDG's AAA may answer an
 *                          unknown subscriber with EAP-Failure before its certificate); empty for a
 *                          placeholder of the operator's PLMN
 */
public record AttachSettings(Optional<CredentialSource> credentials, String apn, TrustAnchors trust, int expiryWarningDays,
                             Duration deadline, Duration exchangeTimeout, Duration initialWait, int portOffset,
                             int fragmentSize, IkeProposals offer, Clock clock, Optional<Imsi> probeImsi) {

    /** The size RFC 7383 §2.5.1 recommends for IPv6 paths; IPv4 paths carry it too on any sane link. */
    public static final int DEFAULT_FRAGMENT_SIZE = 1280;
    public static final AttachSettings DEFAULTS = new AttachSettings(Optional.empty(), "ims", TrustAnchors.none(), 30,
            Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofMillis(500), 0, DEFAULT_FRAGMENT_SIZE,
            IkeProposals.PHONE, Clock.systemUTC(), Optional.empty());

    public AttachSettings {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(probeImsi, "probeImsi");
        if (apn == null || apn.isBlank() || apn.length() > 100) {
            throw new IllegalArgumentException("APN '" + apn + "' is not usable as IDr; expected a name such as ims");
        }
        if (expiryWarningDays < 0 || expiryWarningDays > 3650) {
            throw new IllegalArgumentException("certificate warning threshold " + expiryWarningDays
                    + " days is out of range; expected 0 to 3650 days");
        }
        positive("attach deadline", deadline);
        positive("exchange timeout", exchangeTimeout);
        positive("initial retransmission wait", initialWait);
        if (portOffset < 0 || portOffset > 60000) {
            throw new IllegalArgumentException("port offset " + portOffset + " is out of range; expected 0 to 60000");
        }
        if (fragmentSize < 576 || fragmentSize > 65000) {
            throw new IllegalArgumentException("IKE fragment size " + fragmentSize
                    + " bytes is out of range; expected 576 (the IPv4 minimum) to 65000");
        }
    }

    private static void positive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " " + d + " must be a positive duration");
        }
    }

    public boolean withSim() {
        return credentials.isPresent();
    }

    public AttachSettings withCredentials(CredentialSource source) {
        return new AttachSettings(Optional.of(source), apn, trust, expiryWarningDays, deadline, exchangeTimeout, initialWait,
                portOffset, fragmentSize, offer, clock, probeImsi);
    }

    /** The probe without a SIM, with everything else as it is. */
    public AttachSettings withoutCredentials() {
        return new AttachSettings(Optional.empty(), apn, trust, expiryWarningDays, deadline, exchangeTimeout, initialWait,
                portOffset, fragmentSize, offer, clock, probeImsi);
    }

    /** Without credentials: this subscriber's NAI as IDi instead of a placeholder (no keys needed to read the certificate). */
    public AttachSettings withProbeImsi(Imsi imsi) {
        return new AttachSettings(credentials, apn, trust, expiryWarningDays, deadline, exchangeTimeout, initialWait,
                portOffset, fragmentSize, offer, clock, Optional.of(imsi));
    }

    public AttachSettings withTrust(TrustAnchors anchors) {
        return new AttachSettings(credentials, apn, anchors, expiryWarningDays, deadline, exchangeTimeout, initialWait,
                portOffset, fragmentSize, offer, clock, probeImsi);
    }

    public AttachSettings withExpiryWarningDays(int days) {
        return new AttachSettings(credentials, apn, trust, days, deadline, exchangeTimeout, initialWait,
                portOffset, fragmentSize, offer, clock, probeImsi);
    }

    public AttachSettings withDeadline(Duration whole, Duration exchange) {
        return new AttachSettings(credentials, apn, trust, expiryWarningDays, whole, exchange, initialWait,
                portOffset, fragmentSize, offer, clock, probeImsi);
    }

    public AttachSettings withPortOffset(int offset) {
        return new AttachSettings(credentials, apn, trust, expiryWarningDays, deadline, exchangeTimeout, initialWait,
                offset, fragmentSize, offer, clock, probeImsi);
    }

    public AttachSettings withApn(String name) {
        return new AttachSettings(credentials, name, trust, expiryWarningDays, deadline, exchangeTimeout, initialWait,
                portOffset, fragmentSize, offer, clock, probeImsi);
    }

    public AttachSettings withClock(Clock at) {
        return new AttachSettings(credentials, apn, trust, expiryWarningDays, deadline, exchangeTimeout, initialWait,
                portOffset, fragmentSize, offer, at, probeImsi);
    }
}
