package dev.wificall.testkit;

import dev.wificall.ike.DhGroup;
import dev.wificall.ike.DhKeyPair;
import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.IkePayload;
import dev.wificall.ike.IkePayload.KeyExchange;
import dev.wificall.ike.IkePayload.Nonce;
import dev.wificall.ike.IkePayload.Notify;
import dev.wificall.ike.IkeProposals;
import dev.wificall.ike.SecurityAssociation;
import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.probe.IkePort;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The IKE_SA_INIT answers of a responder that accepts {@code accepted}, the damaged and refusing
 * answers the {@link Behaviour}s ask for, and the IKE_AUTH answers of the IKE SAs it accepted. One per
 * simulator, shared by both ports (a phone moves to "4500" after IKE_SA_INIT); only the simulator's
 * thread calls it.
 */
final class SaInitResponder {
    static final int NONCE_LENGTH = 32;
    /** Notify error type 7 (RFC 7296 §3.10.1): a request without SA, KE or Nonce. */
    static final int INVALID_SYNTAX = 7;
    static final int IKE_AUTH = 35;
    /**
     * Half-open SAs remembered to answer a retransmitted request with the same bytes (RFC 7296 §2.1),
     * and accepted SAs remembered for IKE_AUTH: the last ones, so a flood cannot grow memory.
     */
    private static final int REMEMBERED = 256;
    /** Bytes a TRUNCATED answer lacks. */
    private static final int CUT = 10;

    private final IkeProposals accepted;
    private final SecureRandom random = new SecureRandom();
    /** For drops and garbage only: seeded, so a test can repeat a run. */
    private final Random chance;
    /** RFC 7296 §2.6: a cookie is a hash over the request and a secret only the responder knows. */
    private final byte[] cookieSecret = new byte[32];
    private final StaticKeys staticKeys;
    private final Map<Retransmission, byte[]> answered = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Retransmission, byte[]> eldest) {
            return size() > REMEMBERED;
        }
    };

    private final Map<SaKey, IkeSa> sas = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<SaKey, IkeSa> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** A request identified by its sender, its socket and its bytes. */
    private record Retransmission(InetSocketAddress from, IkePort port, ByteBuffer request) {
    }

    private record SaKey(long spiI, long spiR) {
    }

    /** An IKE_SA_INIT answer and, when it accepts, the SA it makes. */
    private record Answer(IkeMessage message, IkeSa sa) {
    }

    SaInitResponder(IkeProposals accepted, long seed, StaticKeys staticKeys) {
        this.accepted = accepted;
        this.staticKeys = staticKeys;
        this.chance = new Random(seed);
        random.nextBytes(cookieSecret);
    }

    IkeProposals accepted() {
        return accepted;
    }

    /** True with probability {@code share}. */
    boolean chance(double share) {
        return chance.nextDouble() < share;
    }

    /** Random bytes, as a flood sends them; from the same draws as {@link #chance}. */
    byte[] noise(int length) {
        byte[] b = new byte[length];
        chance.nextBytes(b);
        return b;
    }

    // --- answering ---

    /**
     * What a responder configured with the accepted proposals answers: the chosen proposal with its
     * own KE, nonce and NAT detection; INVALID_KE_PAYLOAD when the request's KE is for another group
     * than the chosen one; NO_PROPOSAL_CHOSEN when nothing matches. A retransmitted request gets the
     * same bytes again.
     *
     * @param sameKe the KE public value and nonce of every earlier handshake, not fresh ones
     */
    byte[] answer(Received r, boolean sameKe) {
        return answer(r, sameKe, sameKe);
    }

    /**
     * As {@link #answer(Received, boolean)}, KE and nonce chosen apart.
     *
     * @param sameKe    the static KE public value of {@link StaticKeys} (per group), not a fresh one
     * @param sameNonce the one nonce of every earlier handshake, not a fresh one
     */
    byte[] answer(Received r, boolean sameKe, boolean sameNonce) {
        Retransmission key = new Retransmission(r.from(), r.port(), ByteBuffer.wrap(r.datagram()));
        byte[] earlier = answered.get(key);
        if (earlier != null) {
            return earlier;
        }
        Answer answer = answerMessage(r, sameKe, sameNonce);
        byte[] datagram = answer.message().encode(r.port().nonEspMarker());
        if (answer.sa() != null) {
            answered.put(key, datagram);
            sas.put(new SaKey(r.spi(), answer.message().responderSpi()), answer.sa());
        }
        return datagram;
    }

    private Answer answerMessage(Received r, boolean sameKe, boolean sameNonce) {
        Optional<KeyExchange> ke = r.keyExchange();
        Optional<byte[]> nonce = r.nonce();
        if (r.offered().isEmpty() || ke.isEmpty() || nonce.isEmpty()) {
            return new Answer(refusal(r, INVALID_SYNTAX, new byte[0]), null);
        }
        Optional<Proposal> chosen = ProposalSelection.select(r.offered(), accepted.proposals(), ke.get().group());
        if (chosen.isEmpty()) {
            return new Answer(refusal(r, Notify.NO_PROPOSAL_CHOSEN, new byte[0]), null);
        }
        int group = ProposalSelection.group(chosen.get());
        if (group != ke.get().group()) {
            return new Answer(refusal(r, Notify.INVALID_KE_PAYLOAD, groupBytes(group)), null);
        }
        long spiR = freshSpi();
        DhKeyPair pair = sameKe ? staticKe(group) : keyPair(group);
        byte[] nr = sameNonce ? staticKeys.nonce() : freshNonce();
        List<IkePayload> payloads = new ArrayList<>();
        payloads.add(new SecurityAssociation(List.of(chosen.get())));
        payloads.add(new KeyExchange(group, pair.publicValue()));
        payloads.add(new Nonce(nr));
        // §2.23: the source hash is over the address the request was sent to, the destination hash over its sender
        payloads.add(Notify.of(Notify.NAT_DETECTION_SOURCE_IP, natHash(r.spi(), spiR, r.to())));
        payloads.add(Notify.of(Notify.NAT_DETECTION_DESTINATION_IP, natHash(r.spi(), spiR, r.from())));
        if (r.carries(Notify.IKEV2_FRAGMENTATION_SUPPORTED)) {
            payloads.add(Notify.of(Notify.IKEV2_FRAGMENTATION_SUPPORTED, new byte[0]));
        }
        return new Answer(response(r.spi(), spiR, payloads), new IkeSa(r, spiR, pair, nr, chosen.get()));
    }

    // --- IKE_AUTH ---

    /**
     * The answer to IKE_AUTH request {@code r}: {@code payloads} in an SK payload sealed with the
     * responder's keys of the SA the request names, the same bytes again for a retransmission. Empty,
     * so the request is dropped, for an SA this responder does not know (any more) and for whatever
     * {@link IkeSa#answer} drops, e.g. a request whose ICV does not verify.
     */
    Optional<byte[]> authAnswer(Received r, List<IkePayload> payloads) {
        IkeSa sa = sas.get(new SaKey(r.spi(), r.message().responderSpi()));
        if (sa == null) {
            return Optional.empty();
        }
        return sa.answer(r.ikeBytes(), r.message(), payloads, 0, 1, random).map(m -> withMarker(m.get(0), r.port().nonEspMarker()));
    }

    /**
     * The answer to IKE_AUTH request 1 in RFC 7383 fragments of at most {@code fragmentLength} bytes
     * (IKE header to ICV), of which only the first {@code keep} go out; a retransmission gets the same
     * ones again. Empty as for {@link #authAnswer}.
     */
    Optional<List<byte[]>> authFragments(Received r, List<IkePayload> payloads, int fragmentLength, int keep) {
        IkeSa sa = sas.get(new SaKey(r.spi(), r.message().responderSpi()));
        if (sa == null) {
            return Optional.empty();
        }
        return sa.answer(r.ikeBytes(), r.message(), payloads, fragmentLength, keep, random)
                .map(list -> list.stream().map(m -> withMarker(m, r.port().nonEspMarker())).toList());
    }

    /** Whether the request offers DH group {@code group}; for IKE_AUTH, whether the IKE_SA_INIT of its SA did. */
    boolean offersGroup(Received r, int group) {
        if (!r.ikeAuth()) {
            return r.offersGroup(group);
        }
        IkeSa sa = sas.get(new SaKey(r.spi(), r.message().responderSpi()));
        return sa != null && sa.saInit().offersGroup(group);
    }

    private static byte[] withMarker(byte[] message, boolean marker) {
        if (!marker) {
            return message;
        }
        byte[] datagram = new byte[IkeMessage.NON_ESP_MARKER_LENGTH + message.length];
        System.arraycopy(message, 0, datagram, IkeMessage.NON_ESP_MARKER_LENGTH, message.length);
        return datagram;
    }

    /** An answer that carries only one notify, before any IKE SA exists: responder SPI 0, as strongSwan sends it. */
    byte[] refuse(Received r, int notifyType, byte[] data) {
        return refusal(r, notifyType, data).encode(r.port().nonEspMarker());
    }

    private static IkeMessage refusal(Received r, int notifyType, byte[] data) {
        return response(r.spi(), 0, List.of(Notify.of(notifyType, data)));
    }

    static byte[] groupBytes(int group) {
        return new byte[] {(byte) (group >>> 8), (byte) group};
    }

    private static IkeMessage response(long spiI, long spiR, List<IkePayload> payloads) {
        return new IkeMessage(spiI, spiR, IkeMessage.VERSION_2_0, IkeMessage.IKE_SA_INIT, IkeMessage.FLAG_RESPONSE, 0,
                payloads);
    }

    // --- cookies (RFC 7296 §2.6) ---

    /** The COOKIE notify's data for this request: a version byte, then SHA-256(Ni | IPi | SPIi | secret). */
    byte[] cookie(Received r) {
        MessageDigest sha256 = digest("SHA-256");
        sha256.update(r.nonce().orElse(new byte[0]));
        sha256.update(r.from().getAddress().getAddress());
        sha256.update(ByteBuffer.allocate(8).putLong(r.spi()).array());
        sha256.update(cookieSecret);
        byte[] cookie = new byte[33];
        System.arraycopy(sha256.digest(), 0, cookie, 1, 32);
        return cookie;
    }

    boolean cookieValid(Received r) {
        return r.echoedCookie().map(c -> MessageDigest.isEqual(c, cookie(r))).orElse(false);
    }

    // --- damage ---

    /** The answer {@link #answer} would give, broken as {@code kind} says; never remembered for retransmissions. */
    byte[] malformed(Received r, Malformation kind) {
        if (kind == Malformation.ECHO) {
            return r.datagram().clone();
        }
        IkeMessage m = answerMessage(r, false, false).message();
        boolean marker = r.port().nonEspMarker();
        int header = marker ? IkeMessage.NON_ESP_MARKER_LENGTH : 0;
        switch (kind) {
            case TRUNCATED:
                byte[] whole = m.encode(marker);
                return Arrays.copyOf(whole, whole.length - CUT);
            case BAD_LENGTH:
                byte[] shorter = m.encode(marker);
                ByteBuffer.wrap(shorter).putInt(header + 24, shorter.length - header - 4);
                return shorter;
            case BAD_VERSION:
                byte[] v1 = m.encode(marker);
                v1[header + 17] = 0x10;
                return v1;
            case MARKER_MISMATCH:
                return m.encode(!marker);
            case BAD_PAYLOAD:
                return withPayloads(m, shortHash(m.payloads())).encode(marker);
            case WRONG_SPI:
                return new IkeMessage(~m.initiatorSpi(), m.responderSpi(), m.version(), m.exchangeType(), m.flags(),
                        m.messageId(), m.payloads()).encode(marker);
            case NOT_A_RESPONSE:
                return new IkeMessage(m.initiatorSpi(), m.responderSpi(), m.version(), m.exchangeType(),
                        IkeMessage.FLAG_INITIATOR, m.messageId(), m.payloads()).encode(marker);
            case WRONG_MESSAGE_ID:
                return new IkeMessage(m.initiatorSpi(), m.responderSpi(), m.version(), m.exchangeType(), m.flags(), 1,
                        m.payloads()).encode(marker);
            case WRONG_EXCHANGE:
                return new IkeMessage(m.initiatorSpi(), m.responderSpi(), m.version(), IKE_AUTH, m.flags(),
                        m.messageId(), m.payloads()).encode(marker);
            case GARBAGE:
                byte[] noise = new byte[m.encode(marker).length];
                chance.nextBytes(noise);
                return noise;
            case GARBAGE_BODY:
                byte[] body = m.encode(marker);
                byte[] random = new byte[body.length - header - IkeMessage.HEADER_LENGTH];
                chance.nextBytes(random);
                System.arraycopy(random, 0, body, header + IkeMessage.HEADER_LENGTH, random.length);
                return body;
            case NO_PAYLOADS:
                return withPayloads(m, List.of()).encode(marker);
            case NONCE_ONLY:
                return withPayloads(m, m.payloads().stream().filter(p -> p instanceof IkePayload.Nonce).toList())
                        .encode(marker);
            case NO_KE:
                return withPayloads(m, m.payloads().stream().filter(p -> !(p instanceof IkePayload.KeyExchange)).toList())
                        .encode(marker);
            case SHORT_KE:
                return withPayloads(m, m.payloads().stream().map(p -> p instanceof IkePayload.KeyExchange k
                        ? new IkePayload.KeyExchange(k.group(), Arrays.copyOf(k.data(), k.data().length / 2)) : p).toList())
                        .encode(marker);
            case SHORT_NONCE:
                return withPayloads(m, m.payloads().stream().map(p -> p instanceof IkePayload.Nonce
                        ? new IkePayload.Nonce(new byte[4]) : p).toList()).encode(marker);
            case UNOFFERED_PROPOSAL:
                SecurityAssociation weak = new SecurityAssociation(List.of(SecurityAssociation.Proposal.ike(1, List.of(
                        SecurityAssociation.Transform.of(SecurityAssociation.ENCR, 2),
                        SecurityAssociation.Transform.of(SecurityAssociation.PRF, 1),
                        SecurityAssociation.Transform.of(SecurityAssociation.INTEG, 1),
                        SecurityAssociation.Transform.of(SecurityAssociation.DH, 1)))));
                return withPayloads(m, m.payloads().stream().map(p -> p instanceof SecurityAssociation ? weak : p)
                        .map(IkePayload.class::cast).toList()).encode(marker);
            case GIANT_NONCE:
                return withPayloads(m, m.payloads().stream().map(p -> p instanceof IkePayload.Nonce
                        ? new IkePayload.Nonce(new byte[60_000]) : p).toList()).encode(marker);
            case PAYLOAD_FLOOD:
                List<IkePayload> flood = new ArrayList<>(m.payloads());
                for (int i = 0; i < 3_000; i++) {
                    flood.add(new IkePayload.Nonce(new byte[16]));
                }
                return withPayloads(m, flood).encode(marker);
            default:
                throw new IllegalStateException("no damage defined for " + kind);
        }
    }

    private static IkeMessage withPayloads(IkeMessage m, List<IkePayload> payloads) {
        return new IkeMessage(m.initiatorSpi(), m.responderSpi(), m.version(), m.exchangeType(), m.flags(),
                m.messageId(), payloads);
    }

    /** The NAT_DETECTION_SOURCE_IP hash cut to 19 bytes; a refusal, which has none, gets a 19-byte one. */
    private static List<IkePayload> shortHash(List<IkePayload> payloads) {
        List<IkePayload> out = new ArrayList<>();
        boolean cut = false;
        for (IkePayload p : payloads) {
            if (p instanceof Notify n && n.notifyType() == Notify.NAT_DETECTION_SOURCE_IP) {
                out.add(Notify.of(n.notifyType(), Arrays.copyOf(n.data(), 19)));
                cut = true;
            } else {
                out.add(p);
            }
        }
        if (!cut) {
            out.add(Notify.of(Notify.NAT_DETECTION_SOURCE_IP, new byte[19]));
        }
        return out;
    }

    // --- fresh values ---

    private long freshSpi() {
        long spi = 0;
        while (spi == 0) {
            spi = random.nextLong();
        }
        return spi;
    }

    private byte[] freshNonce() {
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        return nonce;
    }

    // a real key pair: an initiator can check the value (an ECP point on the curve, a MODP value below p), and IKE_AUTH needs g^ir
    private DhKeyPair keyPair(int group) {
        return DhGroup.byId(group).orElseThrow().generateKeyPair(random);
    }

    private DhKeyPair staticKe(int group) {
        return staticKeys.pair(DhGroup.byId(group).orElseThrow());
    }

    /** SHA-1(SPIi | SPIr | IP address | port), RFC 7296 §2.23. */
    static byte[] natHash(long spiI, long spiR, InetSocketAddress endpoint) {
        MessageDigest sha1 = digest("SHA-1");
        sha1.update(ByteBuffer.allocate(16).putLong(spiI).putLong(spiR).array());
        sha1.update(endpoint.getAddress().getAddress());
        sha1.update(new byte[] {(byte) (endpoint.getPort() >>> 8), (byte) endpoint.getPort()});
        return sha1.digest();
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java runtime", e);
        }
    }
}
