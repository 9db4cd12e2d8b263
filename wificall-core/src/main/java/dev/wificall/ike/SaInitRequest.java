package dev.wificall.ike;

import dev.wificall.ike.IkePayload.KeyExchange;
import dev.wificall.ike.IkePayload.Nonce;
import dev.wificall.ike.IkePayload.Notify;
import dev.wificall.ike.SecurityAssociation.Proposal;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The IKE_SA_INIT request a phone sends (RFC 7296 §1.2): SA, KE, Ni, NAT detection for the real
 * endpoints of the socket, and IKEV2_FRAGMENTATION_SUPPORTED. Retransmissions reuse the same
 * encoding; a retry after COOKIE or INVALID_KE_PAYLOAD derives a new request with
 * {@link #withCookie} or {@link #withGroup}.
 *
 * @param spi        SPIi, never 0
 * @param cookie     the responder's cookie to echo as the first payload; empty for none
 * @param local      our address and port as the socket is bound (NAT_DETECTION_SOURCE_IP)
 * @param remote     the responder's address and port (NAT_DETECTION_DESTINATION_IP)
 */
public record SaInitRequest(long spi, List<Proposal> proposals, DhGroup group, byte[] keyExchange, byte[] nonce,
                            byte[] cookie, InetSocketAddress local, InetSocketAddress remote) {
    static final int NONCE_LENGTH = 32;

    public SaInitRequest {
        if (spi == 0) {
            throw new IllegalArgumentException("SPIi must not be 0");
        }
        proposals = List.copyOf(proposals);
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(keyExchange, "keyExchange");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(cookie, "cookie");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
    }

    /** A request with {@link IkeProposals#PHONE}, a fresh SPIi, nonce and KE public value for {@code group}. */
    public static SaInitRequest create(DhGroup group, InetSocketAddress local, InetSocketAddress remote, SecureRandom random) {
        return create(IkeProposals.PHONE, group, local, remote, random);
    }

    /** A request offering {@code offer} with a KE for its first group, a fresh SPIi and nonce. */
    public static SaInitRequest create(IkeProposals offer, InetSocketAddress local, InetSocketAddress remote,
                                       SecureRandom random) {
        return create(offer, offer.firstGroup(), local, remote, random);
    }

    /** A request offering {@code offer}, with a fresh SPIi and nonce and a KE public value for {@code group}. */
    public static SaInitRequest create(IkeProposals offer, DhGroup group, InetSocketAddress local, InetSocketAddress remote,
                                       SecureRandom random) {
        return create(offer, group, group.generatePublicValue(random), local, remote, random);
    }

    /**
     * As {@link #create(IkeProposals, DhGroup, InetSocketAddress, InetSocketAddress, SecureRandom)} with a
     * KE public value made before: a prober that never completes the exchange may send one value to
     * every target (its own SPI and nonce stay fresh).
     */
    public static SaInitRequest create(IkeProposals offer, DhGroup group, byte[] publicValue, InetSocketAddress local,
                                       InetSocketAddress remote, SecureRandom random) {
        long spi = 0;
        while (spi == 0) {
            spi = random.nextLong();
        }
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        return new SaInitRequest(spi, offer.proposals(), group, publicValue.clone(), nonce, new byte[0], local, remote);
    }

    /** The proposals of {@link IkeProposals#PHONE}. */
    public static List<Proposal> phoneProposals() {
        return IkeProposals.PHONE.proposals();
    }

    /** The same request with the responder's cookie in front (RFC 7296 §2.6). */
    public SaInitRequest withCookie(byte[] responderCookie) {
        return new SaInitRequest(spi, proposals, group, keyExchange, nonce, responderCookie, local, remote);
    }

    /** The same request with a KE for another group, as INVALID_KE_PAYLOAD asks (RFC 7296 §1.2). */
    public SaInitRequest withGroup(DhGroup other, SecureRandom random) {
        return withGroup(other, other.generatePublicValue(random));
    }

    /** The same request with a KE public value for another group, made before. */
    public SaInitRequest withGroup(DhGroup other, byte[] publicValue) {
        return new SaInitRequest(spi, proposals, other, publicValue.clone(), nonce, cookie, local, remote);
    }

    public IkeMessage message() {
        List<IkePayload> payloads = new ArrayList<>();
        if (cookie.length > 0) {
            payloads.add(Notify.of(Notify.COOKIE, cookie));
        }
        payloads.add(new SecurityAssociation(proposals));
        payloads.add(new KeyExchange(group.id(), keyExchange));
        payloads.add(new Nonce(nonce));
        payloads.add(Notify.of(Notify.NAT_DETECTION_SOURCE_IP, NatDetection.hash(spi, 0, local)));
        payloads.add(Notify.of(Notify.NAT_DETECTION_DESTINATION_IP, NatDetection.hash(spi, 0, remote)));
        payloads.add(Notify.of(Notify.IKEV2_FRAGMENTATION_SUPPORTED, new byte[0]));
        return new IkeMessage(spi, 0, IkeMessage.VERSION_2_0, IkeMessage.IKE_SA_INIT, IkeMessage.FLAG_INITIATOR, 0, payloads);
    }

    /** The datagram, with the non-ESP marker for UDP/4500. */
    public byte[] encode(boolean nonEspMarker) {
        return message().encode(nonEspMarker);
    }

    /**
     * Why {@code m} is not the responder's answer to this request, or empty when it is: our SPIi,
     * Response flag set, Initiator flag clear, IKE_SA_INIT, message ID 0.
     */
    public Optional<String> mismatch(IkeMessage m) {
        String problem = null;
        if (m.initiatorSpi() != spi) {
            problem = String.format("an IKE message for another SA: SPIi 0x%016x, ours is 0x%016x", m.initiatorSpi(), spi);
        } else if (!m.isResponse()) {
            problem = String.format("an IKE request, not a response (flags 0x%02x)", m.flags());
        } else if (m.isInitiator()) {
            problem = String.format("an IKE response from the initiator's side (flags 0x%02x)", m.flags());
        } else if (m.exchangeType() != IkeMessage.IKE_SA_INIT) {
            problem = "an " + IkeNames.exchange(m.exchangeType()) + " response, not IKE_SA_INIT";
        } else if (m.messageId() != 0) {
            problem = "an IKE_SA_INIT response with message ID " + Integer.toUnsignedString(m.messageId()) + ", not 0";
        }
        return Optional.ofNullable(problem);
    }
}
