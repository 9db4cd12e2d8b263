package dev.wificall.attach;

import dev.wificall.ike.ChildSaKeys;
import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.IkePayload;
import dev.wificall.ike.MalformedIkeException;
import dev.wificall.ike.SkPayload;
import dev.wificall.ike.SkPayloadIntegrityException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * An attach that stays up for the user plane: the result, and when the ePDG accepted the subscriber
 * and its Child SA can be used, the {@link Tunnel}. Closing it deletes the IKE SA at the ePDG
 * (which deletes the Child SA with it) and closes the socket.
 */
public final class Attachment implements AutoCloseable {
    private final AttachResult result;
    private final Tunnel tunnel;
    private final String noTunnel;

    Attachment(AttachResult result, Tunnel tunnel, String noTunnel) {
        this.result = result;
        this.tunnel = tunnel;
        this.noTunnel = noTunnel;
    }

    public AttachResult result() {
        return result;
    }

    /** The tunnel, present when the attach succeeded with an ESP Child SA wificall can run. */
    public Optional<Tunnel> tunnel() {
        return Optional.ofNullable(tunnel);
    }

    /** Why there is no tunnel (the attach failed, or the ePDG chose ESP transforms wificall cannot run). */
    public Optional<String> noTunnel() {
        return tunnel == null ? Optional.of(noTunnel) : Optional.empty();
    }

    @Override
    public void close() {
        if (tunnel != null) {
            tunnel.close();
        }
    }

    /**
     * The Child SA of a finished attach and the IKE SA beside it on the same UDP/4500 socket
     * (RFC 3948: IKE with the four zero bytes, ESP without). Single-threaded, like the attach.
     */
    public static final class Tunnel {
        private final DatagramSocket socket;
        private final InetSocketAddress epdg;
        private final ChildSaKeys keys;
        private final int ownSpi;
        private final int peerSpi;
        private final List<InetAddress> inner;
        private final List<InetAddress> dns;
        private final List<InetAddress> pcscf;
        private final long spiI;
        private final long spiR;
        private final SkPayload sender;
        private final SkPayload receiver;
        private final SecureRandom random;
        private int messageId;
        private boolean deletedByPeer;
        private boolean closed;

        Tunnel(DatagramSocket socket, InetSocketAddress epdg, ChildSaKeys keys, int ownSpi, int peerSpi, List<InetAddress> inner,
               List<InetAddress> dns, List<InetAddress> pcscf, long spiI, long spiR, SkPayload sender, SkPayload receiver,
               int messageId, SecureRandom random) {
            this.socket = socket;
            this.epdg = epdg;
            this.keys = keys;
            this.ownSpi = ownSpi;
            this.peerSpi = peerSpi;
            this.inner = List.copyOf(inner);
            this.dns = List.copyOf(dns);
            this.pcscf = List.copyOf(pcscf);
            this.spiI = spiI;
            this.spiR = spiR;
            this.sender = sender;
            this.receiver = receiver;
            this.messageId = messageId;
            this.random = random;
        }

        /** The socket on the ePDG's UDP/4500, connected to it; closed by {@link Attachment#close()}. */
        public DatagramSocket socket() {
            return socket;
        }

        public InetSocketAddress epdg() {
            return epdg;
        }

        public ChildSaKeys keys() {
            return keys;
        }

        /** Our inbound SPI: the ePDG sends ESP to it. */
        public int ownSpi() {
            return ownSpi;
        }

        /** The ePDG's inbound SPI: we send ESP to it. */
        public int peerSpi() {
            return peerSpi;
        }

        /** Inner addresses from the CP payload, IPv4 before IPv6 as received. */
        public List<InetAddress> innerAddresses() {
            return inner;
        }

        public List<InetAddress> dnsServers() {
            return dns;
        }

        public List<InetAddress> pcscfServers() {
            return pcscf;
        }

        /** Whether the ePDG deleted the IKE SA (an INFORMATIONAL with Delete) since the attach. */
        public boolean deletedByPeer() {
            return deletedByPeer;
        }

        /**
         * An IKE message the ePDG sent (without the non-ESP marker): its INFORMATIONAL requests (dead
         * peer detection, Delete) are answered as a phone answers them, so the ePDG keeps the SA.
         * Returns what was seen, in words, or empty for a message that is not for this IKE SA.
         */
        public Optional<String> ikeFromPeer(byte[] message) throws IOException {
            IkeMessage outer;
            try {
                outer = IkeMessage.decode(message);
            } catch (MalformedIkeException e) {
                return Optional.of("a malformed IKE message: " + e.getMessage());
            }
            if (outer.initiatorSpi() != spiI || outer.responderSpi() != spiR) {
                return Optional.empty();
            }
            if (outer.isResponse()) {
                return Optional.of("an IKE response (message " + outer.messageId() + ")");
            }
            IkeMessage request;
            try {
                request = receiver.open(message);
            } catch (MalformedIkeException | SkPayloadIntegrityException e) {
                return Optional.of("an IKE request that does not decrypt: " + e.getMessage());
            }
            if (request.exchangeType() != AttachProbe.INFORMATIONAL) {
                return Optional.of("an IKE " + request.describe() + " request, not answered (a phone would refuse a rekey it did not expect here)");
            }
            boolean delete = request.payloads(IkePayload.Delete.class).stream()
                    .anyMatch(d -> d.protocolId() == dev.wificall.ike.SecurityAssociation.PROTOCOL_IKE);
            IkeMessage answer = new IkeMessage(spiI, spiR, IkeMessage.VERSION_2_0, AttachProbe.INFORMATIONAL,
                    IkeMessage.FLAG_INITIATOR | IkeMessage.FLAG_RESPONSE, request.messageId(),
                    delete ? List.of(IkePayload.Delete.ikeSa()) : List.of());
            send(sender.seal(answer, random));
            if (delete) {
                deletedByPeer = true;
                return Optional.of("the ePDG deleted the IKE SA (INFORMATIONAL with Delete), answered");
            }
            return Optional.of("an INFORMATIONAL request (" + request.describe() + ") from the ePDG, answered");
        }

        /** Sends an empty INFORMATIONAL request (a liveness check, RFC 7296 §2.4); returns its message ID. */
        public int sendLivenessCheck() throws IOException {
            int id = ++messageId;
            send(sender.seal(new IkeMessage(spiI, spiR, IkeMessage.VERSION_2_0, AttachProbe.INFORMATIONAL, IkeMessage.FLAG_INITIATOR,
                    id, List.of()), random));
            return id;
        }

        /** Whether {@code message} (without marker) is the ePDG's answer to our request {@code id}. */
        public boolean answers(byte[] message, int id) {
            try {
                IkeMessage outer = IkeMessage.decode(message);
                if (outer.initiatorSpi() != spiI || outer.responderSpi() != spiR || !outer.isResponse() || outer.messageId() != id) {
                    return false;
                }
                receiver.open(message);
                return true;
            } catch (MalformedIkeException | SkPayloadIntegrityException e) {
                return false;
            }
        }

        private void send(byte[] ike) throws IOException {
            byte[] wire = new byte[ike.length + 4];
            System.arraycopy(ike, 0, wire, 4, ike.length);
            socket.send(new DatagramPacket(wire, wire.length));
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (!deletedByPeer && !socket.isClosed()) {
                    send(sender.seal(new IkeMessage(spiI, spiR, IkeMessage.VERSION_2_0, AttachProbe.INFORMATIONAL,
                            IkeMessage.FLAG_INITIATOR, ++messageId, List.of(IkePayload.Delete.ikeSa())), random));
                }
            } catch (IOException | RuntimeException e) {
                // the ePDG drops the SA on its own once it stops hearing from us; nothing to report
            } finally {
                socket.close();
            }
        }
    }
}
