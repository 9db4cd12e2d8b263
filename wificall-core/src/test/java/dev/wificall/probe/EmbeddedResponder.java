package dev.wificall.probe;

import dev.wificall.ike.DhGroup;
import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.IkePayload;
import dev.wificall.ike.IkePayload.Notify;
import dev.wificall.ike.SecurityAssociation;
import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny IKEv2 responder on 127.0.0.1 with an ephemeral port, for the probe's tests. It records
 * every datagram and answers as its {@link Behaviour} says.
 */
final class EmbeddedResponder implements AutoCloseable {
    static final long SPI_R = 0x5151515151515151L;

    /** What to send back for one received datagram (none: stay silent). */
    interface Behaviour {
        List<byte[]> answer(Received request) throws Exception;
    }

    /** One datagram as received, decoded when it is IKE. */
    record Received(byte[] bytes, InetSocketAddress from, IkeMessage message, boolean marker) {
    }

    private final DatagramChannel channel;
    private final Thread thread;
    private final boolean marker;
    private volatile Behaviour behaviour;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<Throwable> problems = new CopyOnWriteArrayList<>();

    EmbeddedResponder(boolean marker, Behaviour behaviour) throws IOException {
        this.marker = marker;
        this.behaviour = behaviour;
        channel = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "embedded-ike-responder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Sets the behaviour after construction, for answers that need {@link #address()}. */
    void behaviour(Behaviour b) {
        behaviour = b;
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** The first {@code n} datagrams, waiting up to 5 s for the responder thread to record them. */
    List<Received> awaitReceived(int n) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (received.size() < n && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        return List.copyOf(received);
    }

    private void serve() {
        ByteBuffer in = ByteBuffer.allocate(65_535);
        while (channel.isOpen()) {
            try {
                InetSocketAddress from = (InetSocketAddress) channel.receive(in.clear());
                byte[] bytes = Arrays.copyOf(in.array(), in.position());
                IkeMessage message = IkeMessage.decode(bytes, bytes.length, marker);
                Received r = new Received(bytes, from, message, marker);
                received.add(r);
                for (byte[] answer : behaviour.answer(r)) {
                    channel.send(ByteBuffer.wrap(answer), from);
                }
            } catch (ClosedChannelException closed) {
                return;
            } catch (Exception e) {
                problems.add(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- behaviours and answers ---

    static final Behaviour SILENT = r -> List.of();

    /** What strongSwan sends: the first AEAD transforms, a real group 19 KE, NAT detection for the real endpoints. */
    static byte[] accept(Received r, InetSocketAddress self, boolean withMarker) throws Exception {
        SecurityAssociation sa = new SecurityAssociation(List.of(Proposal.ike(1, List.of(Transform.encr(20, 256),
                Transform.of(SecurityAssociation.PRF, 5), Transform.of(SecurityAssociation.DH, 19)))));
        long spi = r.message().initiatorSpi();
        return response(spi, List.of(sa,
                new IkePayload.KeyExchange(19, DhGroup.ECP_256.generatePublicValue(new SecureRandom())),
                new IkePayload.Nonce(new byte[32]),
                Notify.of(Notify.NAT_DETECTION_SOURCE_IP, natHash(spi, SPI_R, self)),
                Notify.of(Notify.NAT_DETECTION_DESTINATION_IP, natHash(spi, SPI_R, r.from())),
                Notify.of(Notify.IKEV2_FRAGMENTATION_SUPPORTED, new byte[0])), withMarker);
    }

    static byte[] response(long spiI, List<IkePayload> payloads, boolean withMarker) {
        return new IkeMessage(spiI, SPI_R, IkeMessage.VERSION_2_0, IkeMessage.IKE_SA_INIT, IkeMessage.FLAG_RESPONSE, 0, payloads)
                .encode(withMarker);
    }

    /** SHA-1(SPIi | SPIr | IP | port), computed here independently of the codec. */
    static byte[] natHash(long spiI, long spiR, InetSocketAddress endpoint) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(ByteBuffer.allocate(16).putLong(spiI).putLong(spiR).array());
        sha1.update(endpoint.getAddress().getAddress());
        sha1.update(new byte[] {(byte) (endpoint.getPort() >> 8), (byte) endpoint.getPort()});
        return sha1.digest();
    }

    static byte[] notifyHash(IkeMessage m, int type) {
        return m.payloads(Notify.class).stream().filter(n -> n.notifyType() == type).findFirst().orElseThrow().data();
    }
}
