package dev.wificall.junit;

import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.IkePayload;
import dev.wificall.ike.IkePayload.KeyExchange;
import dev.wificall.ike.IkePayload.Notify;
import dev.wificall.ike.MalformedIkeException;
import dev.wificall.ike.SecurityAssociation;
import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An IKE responder on loopback built from the lab strongSwan's captured IKE_SA_INIT answers. A
 * replayed capture alone would carry NAT detection hashes for the lab's addresses and SPIs, so every
 * probe would see a NAT; this one computes them for each request (RFC 7296 §2.23), which lets a
 * test choose what the probe sees: no NAT, or a NAT that rewrote our port.
 */
final class AssertionsResponder implements AutoCloseable {

    /** What the responder answers. */
    enum Answer {
        /** strongSwan's answer (aes256gcm16-prfsha256-ecp256) with both NAT hashes right: no NAT. */
        NO_NAT,
        /** The same, but it saw our address with another port, as behind a NAT that maps ports. */
        PORT_NAT,
        /** Like NO_NAT, but choosing MODP-2048 (group 14): INVALID_KE_PAYLOAD to a KE of another group. */
        GROUP_14,
        /** The lab's restricted connection refusing every proposal: NO_PROPOSAL_CHOSEN, replayed. */
        NO_PROPOSAL_CHOSEN
    }

    /** The port a NAT mapped us to in PORT_NAT, unless we happened to use it ourselves. */
    static final int MAPPED_PORT = 61000;

    private static final String ACCEPTED = "strongswan-5.9.8-libipsec-ike_sa_init-500.bin";
    private static final String REFUSED = "strongswan-5.9.8-libipsec-no_proposal_chosen-500.bin";

    private final Answer answer;
    private final boolean marker;
    private final byte[] capture;
    private final DatagramSocket socket;
    private final Thread thread;

    AssertionsResponder(Answer answer, boolean nonEspMarker) throws IOException {
        this.answer = answer;
        this.marker = nonEspMarker;
        this.capture = capture(answer == Answer.NO_PROPOSAL_CHOSEN ? REFUSED : ACCEPTED);
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "assertions-test responder " + answer);
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        try {
            while (true) {
                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                socket.receive(in);
                byte[] out = answer(IkeMessage.decode(in.getData(), in.getLength(), marker),
                        (InetSocketAddress) in.getSocketAddress());
                socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
            }
        } catch (SocketException closed) {
            // close() ends the loop
        } catch (IOException | MalformedIkeException e) {
            throw new IllegalStateException("the test responder could not answer", e);
        }
    }

    private byte[] answer(IkeMessage request, InetSocketAddress from) throws MalformedIkeException {
        IkeMessage template = IkeMessage.decode(capture);
        long spiI = request.initiatorSpi();
        long spiR = template.responderSpi();
        if (answer == Answer.GROUP_14 && !offersKe14(request)) {
            // as strongSwan does when it prefers MODP-2048: ask for a KE of that group (RFC 7296 §1.2)
            return new IkeMessage(spiI, 0, template.version(), template.exchangeType(), template.flags(),
                    template.messageId(), List.of(Notify.of(Notify.INVALID_KE_PAYLOAD, new byte[] {0, 14})))
                    .encode(marker);
        }
        List<IkePayload> payloads = new ArrayList<>();
        for (IkePayload p : template.payloads()) {
            payloads.add(rewrite(p, spiI, spiR, from));
        }
        // only our SPIi makes the probe take the answer as authentic
        return new IkeMessage(spiI, spiR, template.version(), template.exchangeType(), template.flags(),
                template.messageId(), payloads).encode(marker);
    }

    private static boolean offersKe14(IkeMessage request) {
        return request.payloads().stream().anyMatch(p -> p instanceof KeyExchange ke && ke.group() == 14);
    }

    private IkePayload rewrite(IkePayload p, long spiI, long spiR, InetSocketAddress from) {
        if (answer == Answer.NO_PROPOSAL_CHOSEN) {
            return p;
        }
        if (p instanceof Notify n && n.notifyType() == Notify.NAT_DETECTION_SOURCE_IP) {
            return Notify.of(n.notifyType(), hash(spiI, spiR, address()));
        }
        if (p instanceof Notify n && n.notifyType() == Notify.NAT_DETECTION_DESTINATION_IP) {
            int port = answer == Answer.PORT_NAT ? mapped(from.getPort()) : from.getPort();
            return Notify.of(n.notifyType(), hash(spiI, spiR, new InetSocketAddress(from.getAddress(), port)));
        }
        if (answer == Answer.GROUP_14 && p instanceof SecurityAssociation sa) {
            Proposal chosen = sa.proposals().get(0);
            List<Transform> transforms = chosen.transforms().stream()
                    .map(t -> t.type() == SecurityAssociation.DH ? Transform.of(SecurityAssociation.DH, 14) : t).toList();
            return new SecurityAssociation(List.of(new Proposal(chosen.number(), chosen.protocolId(), chosen.spi(),
                    transforms)));
        }
        if (answer == Answer.GROUP_14 && p instanceof KeyExchange) {
            // the probe checks the public value's length for the group, not the value itself
            byte[] value = new byte[256];
            Arrays.fill(value, (byte) 0x5a);
            return new KeyExchange(14, value);
        }
        return p;
    }

    static int mapped(int port) {
        return port == MAPPED_PORT ? MAPPED_PORT + 1 : MAPPED_PORT;
    }

    /** NAT_DETECTION_*_IP data: SHA-1 of SPIi, SPIr, address and port. */
    private static byte[] hash(long spiI, long spiR, InetSocketAddress endpoint) {
        byte[] ip = endpoint.getAddress().getAddress();
        byte[] input = ByteBuffer.allocate(16 + ip.length + 2).putLong(spiI).putLong(spiR).put(ip)
                .putShort((short) endpoint.getPort()).array();
        try {
            return MessageDigest.getInstance("SHA-1").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }

    private static byte[] capture(String name) throws IOException {
        try (InputStream in = AssertionsResponder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test resource dev/wificall/junit/" + name + " is missing");
            }
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
