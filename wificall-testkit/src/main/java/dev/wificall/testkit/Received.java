package dev.wificall.testkit;

import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.IkePayload;
import dev.wificall.ike.IkePayload.KeyExchange;
import dev.wificall.ike.IkePayload.Nonce;
import dev.wificall.ike.IkePayload.Notify;
import dev.wificall.ike.SecurityAssociation;
import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.probe.IkePort;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One IKE_SA_INIT request, or IKE_AUTH request 1 (its payloads still in the SK payload), as it arrived
 * on one of the simulator's sockets.
 *
 * @param port     which of the two sockets: decides the non-ESP marker of every answer
 * @param from     the initiator's address and port as this socket saw them
 * @param to       the socket's own address and port: the simulator binds one address, never the
 *                 wildcard, so this is where the initiator sent the request
 * @param datagram the bytes as received, marker included
 */
record Received(IkePort port, InetSocketAddress from, InetSocketAddress to, byte[] datagram, IkeMessage message) {

    long spi() {
        return message.initiatorSpi();
    }

    boolean ikeAuth() {
        return message.exchangeType() == SaInitResponder.IKE_AUTH;
    }

    /** The IKE message without the non-ESP marker, as its ICV covers it. */
    byte[] ikeBytes() {
        return port.nonEspMarker() ? Arrays.copyOfRange(datagram, IkeMessage.NON_ESP_MARKER_LENGTH, datagram.length)
                : datagram;
    }

    /** The proposals of the request's SA payload; empty without one. */
    List<Proposal> offered() {
        return message.payloads(SecurityAssociation.class).stream().findFirst().map(SecurityAssociation::proposals)
                .orElse(List.of());
    }

    /** Whether any proposal offers DH group {@code group}. */
    boolean offersGroup(int group) {
        return offered().stream().flatMap(p -> p.transforms().stream())
                .anyMatch(t -> t.type() == SecurityAssociation.DH && t.id() == group);
    }

    Optional<KeyExchange> keyExchange() {
        return message.payloads(KeyExchange.class).stream().findFirst();
    }

    Optional<byte[]> nonce() {
        return message.payloads(Nonce.class).stream().findFirst().map(Nonce::data);
    }

    /** The cookie a retry carries as its first payload (RFC 7296 §2.6). */
    Optional<byte[]> echoedCookie() {
        IkePayload first = message.payloads().isEmpty() ? null : message.payloads().get(0);
        return first instanceof Notify n && n.notifyType() == Notify.COOKIE ? Optional.of(n.data()) : Optional.empty();
    }

    boolean carries(int notifyType) {
        return message.payloads(Notify.class).stream().anyMatch(n -> n.notifyType() == notifyType);
    }
}
