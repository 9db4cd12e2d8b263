package dev.wificall.ike;

import dev.wificall.dns.AddressText;
import dev.wificall.ike.IkePayload.Notify;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What the NAT detection notifies of an IKE_SA_INIT response say about the path (RFC 7296 §2.23),
 * for each side: whether the responder saw our address and port, and whether its own hash matches
 * the address we sent to.
 *
 * @param local     our side, from the responder's NAT_DETECTION_DESTINATION_IP
 * @param portSeen  with {@link Local#PORT_REWRITTEN}: the port the responder saw instead of ours
 * @param responder its side, from its NAT_DETECTION_SOURCE_IP
 */
public record NatStatus(Local local, OptionalInt portSeen, Responder responder) {

    /** Our side of the path. */
    public enum Local {
        /** The responder saw our address and port: no NAT on our side. */
        UNCHANGED,
        /** It saw our address with another port: a NAT rewrote only the port, see {@link #portSeen()}. */
        PORT_REWRITTEN,
        /** It saw another address: a NAT on our side translated it (the port may have changed too). */
        ADDRESS_TRANSLATED,
        /** No NAT_DETECTION_DESTINATION_IP in the answer. */
        NOT_SUPPORTED
    }

    /** The responder's side of the path. */
    public enum Responder {
        /** A NAT_DETECTION_SOURCE_IP matches the address and port we sent to. */
        MATCHES,
        /**
         * None matches: the responder sits behind a NAT, or fakes the hash to force UDP encapsulation
         * (strongSwan does so with kernel-libipsec or {@code encap = yes}).
         */
        MISMATCH,
        /** No NAT_DETECTION_SOURCE_IP in the answer. */
        NOT_SUPPORTED
    }

    public NatStatus {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(portSeen, "portSeen");
        Objects.requireNonNull(responder, "responder");
        if (portSeen.isPresent() != (local == Local.PORT_REWRITTEN)) {
            throw new IllegalArgumentException("a port seen belongs to PORT_REWRITTEN and only to it, not to " + local);
        }
    }

    /** Both hashes match: no NAT anywhere on the path. */
    public boolean none() {
        return local == Local.UNCHANGED && responder == Responder.MATCHES;
    }

    /** The answer carried no NAT detection at all. */
    public boolean notSupported() {
        return local == Local.NOT_SUPPORTED && responder == Responder.NOT_SUPPORTED;
    }

    /** A NAT on our side changed our address or port: IKE_AUTH and ESP move to UDP/4500. */
    public boolean localTranslated() {
        return local == Local.PORT_REWRITTEN || local == Local.ADDRESS_TRANSLATED;
    }

    /** The responder's own hash does not match the address we sent to. */
    public boolean responderMismatch() {
        return responder == Responder.MISMATCH;
    }

    /**
     * Compares the response's NAT detection hashes with the request's endpoints. A translated local
     * hash is tried against our address with every port (65536 SHA-1 of 24 to 36 bytes, a few ms),
     * so that a port-only rewrite is told apart from an address translation.
     */
    public static NatStatus of(IkeMessage response, SaInitRequest request) {
        long spiI = response.initiatorSpi();
        long spiR = response.responderSpi();
        List<byte[]> destination = hashes(response, Notify.NAT_DETECTION_DESTINATION_IP);
        List<byte[]> source = hashes(response, Notify.NAT_DETECTION_SOURCE_IP);

        Local local = Local.NOT_SUPPORTED;
        OptionalInt port = OptionalInt.empty();
        if (!destination.isEmpty()) {
            InetSocketAddress ours = request.local();
            if (anyEquals(destination, NatDetection.hash(spiI, spiR, ours))) {
                local = Local.UNCHANGED;
            } else {
                port = NatDetection.portFor(destination, spiI, spiR, ours.getAddress());
                local = port.isPresent() ? Local.PORT_REWRITTEN : Local.ADDRESS_TRANSLATED;
            }
        }
        Responder responder = source.isEmpty() ? Responder.NOT_SUPPORTED
                // RFC 7296 §2.23: a responder with several addresses may send one hash per address
                : anyEquals(source, NatDetection.hash(spiI, spiR, request.remote())) ? Responder.MATCHES : Responder.MISMATCH;
        return new NatStatus(local, port, responder);
    }

    /**
     * In words, with the request's endpoints: "no NAT", "NAT on our side: the responder saw
     * 192.0.2.1 with port 1024, not 50000", "responder's NAT_DETECTION_SOURCE_IP is not the hash of
     * 198.51.100.7:500: it sits behind a NAT or forces UDP encapsulation"...
     */
    public String describe(SaInitRequest request) {
        if (none()) {
            return "no NAT";
        }
        if (notSupported()) {
            return "no NAT detection in the answer";
        }
        List<String> parts = new ArrayList<>();
        switch (local) {
            case PORT_REWRITTEN:
                parts.add("NAT on our side: the responder saw " + AddressText.of(request.local().getAddress())
                        + " with port " + portSeen.getAsInt() + ", not " + request.local().getPort());
                break;
            case ADDRESS_TRANSLATED:
                parts.add("NAT on our side: the responder saw another address than " + AddressText.of(request.local()));
                break;
            case NOT_SUPPORTED:
                parts.add("no NAT_DETECTION_DESTINATION_IP in the answer");
                break;
            default:
                break;
        }
        if (responder == Responder.MISMATCH) {
            parts.add("responder's NAT_DETECTION_SOURCE_IP is not the hash of " + AddressText.of(request.remote())
                    + ": it sits behind a NAT or forces UDP encapsulation");
        } else if (responder == Responder.NOT_SUPPORTED) {
            parts.add("no NAT_DETECTION_SOURCE_IP in the answer");
        }
        return String.join("; ", parts);
    }

    private static List<byte[]> hashes(IkeMessage m, int type) {
        List<byte[]> hashes = new ArrayList<>();
        for (Notify n : m.payloads(Notify.class)) {
            if (n.notifyType() == type) {
                hashes.add(n.data());
            }
        }
        return hashes;
    }

    private static boolean anyEquals(List<byte[]> hashes, byte[] expected) {
        return hashes.stream().anyMatch(h -> MessageDigest.isEqual(h, expected));
    }
}
