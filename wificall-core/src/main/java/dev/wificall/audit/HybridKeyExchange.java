package dev.wificall.audit;

import dev.wificall.audit.AuditCheck.Family;
import dev.wificall.audit.CheckResult.Answer;
import dev.wificall.ike.DhGroup;
import dev.wificall.ike.DhKeyPair;
import dev.wificall.ike.FragmentAssembly;
import dev.wificall.ike.IkeIntermediate;
import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.IkePayload;
import dev.wificall.ike.IkePayload.KeyExchange;
import dev.wificall.ike.IkePayload.Nonce;
import dev.wificall.ike.IkePayload.Notify;
import dev.wificall.ike.IkeProposals;
import dev.wificall.ike.IkeSaKeys;
import dev.wificall.ike.MalformedIkeException;
import dev.wificall.ike.MlKem;
import dev.wificall.ike.SaInitRequest;
import dev.wificall.ike.SaInitResponse;
import dev.wificall.ike.SecurityAssociation;
import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SkPayload;
import dev.wificall.ike.SkPayloadIntegrityException;
import dev.wificall.ike.SkPayloadSuite;
import dev.wificall.probe.ProbeSettings;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The post-quantum readiness checks: does the ePDG complete a hybrid key exchange as a phone would run it,
 * RFC 9370 over RFC 9242? IKE_SA_INIT offers X25519 (ECP-256 and ECP-384 beside it) with ML-KEM as
 * ADDKE1 and INTERMEDIATE_EXCHANGE_SUPPORTED; when the responder takes it, IKE_INTERMEDIATE (message ID 1)
 * carries SK{KE(ML-KEM encapsulation key)} under the IKE_SA_INIT keys and must come back as SK{KE(ciphertext)}
 * that opens, is authentic and decapsulates; then SKEYSEED(1) = prf(SK_d(0), SK(1) | Ni | Nr) gives the next
 * keys (RFC 9370 §2.2.2), and an INFORMATIONAL Delete under them ends the half-made SA and, when answered,
 * shows that the responder derived the same keys. Only then is the check {@link AuditOutcome#ACCEPTED}.
 *
 * <p>One check per ML-KEM variant, address and port, each its own blocking exchange on its own socket
 * (the probe engine sends IKE_SA_INIT only: it keeps no private keys). Every wait ends by the probe
 * settings' deadline, counted per exchange (IKE_SA_INIT, IKE_INTERMEDIATE, the Delete); retransmissions after
 * its initial wait, doubling. Targets are asked one after the other. Messages go unfragmented: ML-KEM-1024's
 * request exceeds 1280 bytes and relies on IP fragmentation; answers in IKE fragments (RFC 7383) are put together.
 */
public final class HybridKeyExchange {
    /** What beside the ML-KEM: ciphers and PRFs this probe can protect SK payloads with, and usual groups. */
    static final String AEAD = "aes256gcm16-aes128gcm16-prfsha384-prfsha256-prfsha512-prfsha1";
    static final String CBC = "aes256-aes128-sha256-sha384-sha512-sha1";
    static final String GROUPS = "x25519-ecp256-ecp384";
    static final List<MlKem> VARIANTS = List.of(MlKem.ML_KEM_768, MlKem.ML_KEM_1024);
    /** COOKIE and INVALID_KE_PAYLOAD retries, as the attach allows. */
    private static final int MAX_SA_INIT_ROUNDS = 4;
    private static final String PROFILE = "RFC 9370";

    private HybridKeyExchange() {
    }

    /** The checks, one per ML-KEM variant: "pq:mlkem768", "pq:mlkem1024". */
    public static List<AuditCheck> checks() {
        return VARIANTS.stream().map(HybridKeyExchange::check).toList();
    }

    static AuditCheck check(MlKem kem) {
        String ke = "-" + GROUPS + "-ke1_" + kem.keyword();
        return new AuditCheck("pq:" + kem.keyword(), Family.PQ, "hybrid key exchange: X25519 in IKE_SA_INIT, "
                + kem.label() + " in IKE_INTERMEDIATE (RFC 9370, RFC 9242)", IkeProposals.parse(AEAD + ke + "," + CBC + ke),
                DhGroup.CURVE_25519, "ke1_" + kem.keyword(), null);
    }

    /** Every check on every target, in target order; never throws for what the network does. */
    public static List<CheckResult> check(List<AuditTarget> targets, ProbeSettings settings) {
        return check(targets, settings, new SecureRandom());
    }

    static List<CheckResult> check(List<AuditTarget> targets, ProbeSettings settings, SecureRandom random) {
        List<CheckResult> out = new ArrayList<>();
        for (AuditTarget t : targets) {
            for (MlKem kem : VARIANTS) {
                out.add(new Exchange(t, check(kem), kem, settings, random).run());
            }
        }
        return out;
    }

    /** Accepts a received IKE message (marker stripped) as the awaited answer: null when it is not. */
    @FunctionalInterface
    private interface Matcher {
        IkeMessage match(byte[] message) throws MalformedIkeException;
    }

    /** An answer, its size (all fragments), and how long and how many transmissions it took. */
    private record Received(IkeMessage message, int bytes, long millis, int transmissions) {
    }

    /** One check on one target: its socket, keys and what it saw. */
    private static final class Exchange {
        private final AuditTarget target;
        private final AuditCheck check;
        private final MlKem kem;
        private final ProbeSettings settings;
        private final SecureRandom random;
        private DatagramSocket socket;
        private int packets;
        /** Of the exchange under way: transmissions, and what arrived that was not the answer. */
        private int transmissions;
        private String lastProblem;
        private int failedIcv;
        /** SKF datagrams of the IKE_INTERMEDIATE answer, repeats included. */
        private int fragments;
        private Answer answer;

        Exchange(AuditTarget target, AuditCheck check, MlKem kem, ProbeSettings settings, SecureRandom random) {
            this.target = target;
            this.check = check;
            this.kem = kem;
            this.settings = settings;
            this.random = random;
        }

        CheckResult run() {
            try (DatagramSocket s = open()) {
                socket = s;
                return saInit();
            } catch (PortUnreachableException e) {
                return result(AuditOutcome.UNREACHABLE, "ICMP port unreachable from " + where() + " (" + e.getMessage() + ")");
            } catch (IOException e) {
                return result(AuditOutcome.UNREACHABLE, "could not send to " + where() + ": " + e.getMessage());
            }
        }

        private DatagramSocket open() throws IOException {
            InetAddress source = settings.source().address();
            boolean family = source != null && (source instanceof Inet4Address) == v4();
            DatagramSocket s = new DatagramSocket(family ? new InetSocketAddress(source, 0) : new InetSocketAddress(0));
            try {
                s.connect(target.destination());
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
            return s;
        }

        private boolean v4() {
            return target.destination().getAddress() instanceof Inet4Address;
        }

        private String where() {
            return AddressName.of(target);
        }

        private CheckResult saInit() throws IOException {
            IkeProposals offer = check.offer();
            InetSocketAddress local = new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort());
            DhKeyPair pair = offer.firstGroup().generateKeyPair(random);
            SaInitRequest request = SaInitRequest.create(offer, offer.firstGroup(), pair.publicValue(), local,
                    target.destination(), random);
            int wanted = 0;
            for (int round = 0; round < MAX_SA_INIT_ROUNDS; round++) {
                SaInitRequest asked = request;
                byte[] sent = withIntermediateSupport(request.message()).encode();
                Received r = exchange(sent, m -> {
                    IkeMessage message = IkeMessage.decode(m);
                    return asked.mismatch(message).isEmpty() ? message : null;
                });
                if (r == null) {
                    return result(AuditOutcome.SILENT, "no answer to " + transmissions + " IKE_SA_INIT requests offering "
                            + kem.label() + " as ADDKE1 within " + settings.deadline().toMillis() + " ms" + ignored());
                }
                SaInitResponse response = new SaInitResponse(r.message(), r.bytes());
                answer = Auditor.answer(response, wanted);
                switch (response.kind()) {
                    case COOKIE -> request = request.withCookie(response.cookie().orElseThrow());
                    case INVALID_KE -> {
                        wanted = wanted != 0 ? wanted : response.requestedGroup().getAsInt();
                        int group = response.requestedGroup().getAsInt();
                        Optional<DhGroup> other = DhGroup.byId(group).filter(offer.groups()::contains);
                        if (other.isEmpty()) {
                            return result(AuditOutcome.INVALID_KE, "INVALID_KE_PAYLOAD: wants DH group " + group
                                    + ", which the hybrid offer (" + GROUPS + ") does not contain");
                        }
                        pair = other.get().generateKeyPair(random);
                        request = request.withGroup(other.get(), pair.publicValue());
                    }
                    case NO_PROPOSAL_CHOSEN -> {
                        return result(AuditOutcome.NO_PROPOSAL_CHOSEN, "NO_PROPOSAL_CHOSEN", new Finding(Severity.INFO,
                                PROFILE, where() + " does not offer post-quantum key exchange (RFC 9370 with ML-KEM): it"
                                + " answered NO_PROPOSAL_CHOSEN to X25519 with " + kem.label() + " as ADDKE1"));
                    }
                    case ACCEPTED -> {
                        Optional<String> problem = response.problem(request);
                        if (problem.isPresent()) {
                            return result(AuditOutcome.MALFORMED, "IKE_SA_INIT answer is " + problem.get());
                        }
                        return intermediate(request, response, pair, r);
                    }
                    default -> {
                        return result(AuditOutcome.NOTIFY, "refused IKE_SA_INIT with "
                                + String.join(", ", response.notifyNames()));
                    }
                }
            }
            return result(AuditOutcome.NOTIFY, "asked for a new IKE_SA_INIT (COOKIE or DH group) " + MAX_SA_INIT_ROUNDS
                    + " times");
        }

        /** RFC 9242 §3.1: the initiator announces IKE_INTERMEDIATE in IKE_SA_INIT. */
        private static IkeMessage withIntermediateSupport(IkeMessage m) {
            List<IkePayload> payloads = new ArrayList<>(m.payloads());
            payloads.add(Notify.of(Notify.INTERMEDIATE_EXCHANGE_SUPPORTED, new byte[0]));
            return new IkeMessage(m.initiatorSpi(), m.responderSpi(), m.version(), m.exchangeType(), m.flags(),
                    m.messageId(), payloads);
        }

        private CheckResult intermediate(SaInitRequest request, SaInitResponse response, DhKeyPair pair, Received init)
                throws IOException {
            Proposal chosen = response.selectedProposal().orElseThrow();
            String text = response.selectedProposalText().orElse(chosen.describe());
            Optional<SecurityAssociation.Transform> addke = chosen.transforms().stream()
                    .filter(t -> t.type() == SecurityAssociation.ADDKE1).findFirst();
            if (addke.isEmpty()) {
                return result(AuditOutcome.MALFORMED, "chose " + text + " without the offered ADDKE1 transform ("
                        + kem.label() + "), so no post-quantum exchange; a responder that does not know transform type 6"
                        + " must refuse the proposal (RFC 7296 §3.3.6)");
            }
            SkPayloadSuite suite;
            byte[] gir;
            try {
                suite = SkPayloadSuite.of(chosen);
                gir = pair.sharedSecret(response.message().payloads(KeyExchange.class).get(0).data());
            } catch (IllegalArgumentException e) {
                return result(AuditOutcome.MALFORMED, "chose " + text + ", but " + e.getMessage());
            }
            long spiI = request.spi();
            long spiR = response.message().responderSpi();
            byte[] ni = request.nonce();
            byte[] nr = response.message().payloads(Nonce.class).get(0).data();
            IkeSaKeys keys = IkeSaKeys.derive(suite, ni, nr, gir, spiI, spiR);
            Arrays.fill(gir, (byte) 0);
            String said = "chose " + text + " (IKE_SA_INIT answer " + init.bytes() + " bytes, " + init.millis() + " ms"
                    + (response.notifies().stream().anyMatch(n -> n.notifyType() == Notify.INTERMEDIATE_EXCHANGE_SUPPORTED)
                    ? "" : ", without INTERMEDIATE_EXCHANGE_SUPPORTED") + ")";

            MlKem.KeyPair kp = kem.generateKeyPair(random);
            IkeIntermediate x = new IkeIntermediate(spiI, spiR, 1);
            byte[] sent = SkPayload.sending(suite, keys, true).seal(x.request(new KeyExchange(kem.id(),
                    kp.encapsulationKey())), random);
            FragmentAssembly assembly = new FragmentAssembly(SkPayload.receiving(suite, keys, true));
            Received r = exchange(sent, m -> {
                IkeMessage outer = IkeMessage.decode(m);
                if (x.mismatch(outer).isPresent()) {
                    lastProblem = x.mismatch(outer).get();
                    return null;
                }
                List<IkePayload> chain = outer.payloads();
                if (!chain.isEmpty() && chain.get(chain.size() - 1).type() == IkePayload.ENCRYPTED_FRAGMENT) {
                    fragments++;
                }
                try {
                    return assembly.add(m).orElse(null);
                } catch (SkPayloadIntegrityException e) {
                    failedIcv++;
                    return null;
                }
            });
            String request1 = "IKE_INTERMEDIATE request 1 (" + sent.length + " bytes with the "
                    + kem.encapsulationKeyLength() + "-byte " + kem.label() + " encapsulation key)";
            if (r == null) {
                if (failedIcv > 0) {
                    return result(AuditOutcome.MALFORMED, said + ", but its " + failedIcv + " answers to " + request1
                            + " failed the integrity check under the IKE_SA_INIT keys (SK_er/SK_ar)");
                }
                String partial = assembly.total() > 0 ? "; " + assembly.received() + " of " + assembly.total()
                        + " IKE fragments of the answer arrived" : "";
                return result(lastProblem != null && partial.isEmpty() ? AuditOutcome.MALFORMED : AuditOutcome.SILENT,
                        said + ", but no valid answer to " + transmissions + " transmissions of " + request1 + " within "
                        + settings.deadline().toMillis() + " ms" + partial + ignored());
            }
            IkeMessage opened = r.message();
            IkeIntermediate.Result<KeyExchange> ke = IkeIntermediate.keyExchange(opened, kem.id());
            if (!ke.ok()) {
                boolean notify = opened.payloads(Notify.class).stream().anyMatch(Notify::isError);
                return result(notify ? AuditOutcome.NOTIFY : AuditOutcome.MALFORMED, said + ", but answered " + request1
                        + " with " + ke.problem());
            }
            byte[] secret;
            try {
                secret = kp.decapsulate(ke.value().data());
            } catch (IllegalArgumentException e) {
                return result(AuditOutcome.MALFORMED, said + ", but answered " + request1 + " with an " + e.getMessage());
            }
            IkeSaKeys next = keys.next(suite, secret, ni, nr, spiI, spiR);
            Arrays.fill(secret, (byte) 0);
            String done = said + "; IKE_INTERMEDIATE completed in " + r.millis() + " ms: " + request1 + ", answer "
                    + r.bytes() + " bytes with a " + ke.value().data().length + "-byte ciphertext that decapsulated"
                    + (fragments > 0 ? " in " + fragments + " IKE fragments (RFC 7383)" : "");
            return result(AuditOutcome.ACCEPTED, done + "; " + delete(suite, next, spiI, spiR));
        }

        /**
         * INFORMATIONAL request 2 with Delete of the IKE SA under the keys of SKEYSEED(1), so the responder
         * drops its half-made SA; an authentic answer under those keys shows both sides derived them alike.
         */
        private String delete(SkPayloadSuite suite, IkeSaKeys next, long spiI, long spiR) throws IOException {
            IkeMessage delete = new IkeMessage(spiI, spiR, IkeMessage.VERSION_2_0, IkeMessage.INFORMATIONAL,
                    IkeMessage.FLAG_INITIATOR, 2, List.of(IkePayload.Delete.ikeSa()));
            SkPayload receiver = SkPayload.receiving(suite, next, true);
            failedIcv = 0;
            Received r = exchange(SkPayload.sending(suite, next, true).seal(delete, random), m -> {
                IkeMessage outer = IkeMessage.decode(m);
                if (outer.initiatorSpi() != spiI || outer.responderSpi() != spiR || !outer.isResponse()
                        || outer.exchangeType() != IkeMessage.INFORMATIONAL || outer.messageId() != 2) {
                    return null;
                }
                try {
                    return receiver.open(m);
                } catch (SkPayloadIntegrityException e) {
                    failedIcv++;
                    return null;
                }
            });
            if (r != null) {
                return "the keys of SKEYSEED(1) (RFC 9370 §2.2.2) confirmed: the Delete under them was answered in "
                        + r.millis() + " ms";
            }
            return failedIcv > 0 ? "the answer to the Delete under the keys of SKEYSEED(1) failed their integrity check"
                    : "the Delete under the keys of SKEYSEED(1) went unanswered, so they stay unconfirmed";
        }

        /**
         * Sends {@code message} (with the non-ESP marker on 4500) and waits for {@code matcher} to accept what
         * comes back, resending after the initial wait, doubling, until the deadline. Null when nothing came.
         */
        private Received exchange(byte[] message, Matcher matcher) throws IOException {
            boolean marker = target.port().nonEspMarker();
            byte[] wire = marker ? withMarker(message) : message;
            long start = System.nanoTime();
            long end = start + settings.deadline().toNanos();
            long wait = settings.initialWait().toNanos();
            long resendAt = start;
            transmissions = 0;
            lastProblem = null;
            byte[] buffer = new byte[65536];
            int bytes = 0;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    return null;
                }
                if (now >= resendAt) {
                    socket.send(new DatagramPacket(wire, wire.length));
                    transmissions++;
                    packets++;
                    resendAt = now + wait;
                    wait *= 2;
                }
                socket.setSoTimeout((int) Math.max(1, (Math.min(resendAt, end) - now) / 1_000_000));
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                int offset = marker ? IkeMessage.NON_ESP_MARKER_LENGTH : 0;
                if (p.getLength() <= offset || marker && (buffer[0] | buffer[1] | buffer[2] | buffer[3]) != 0) {
                    lastProblem = "a " + p.getLength() + "-byte datagram that is no IKE message on " + target.port();
                    continue;
                }
                byte[] received = Arrays.copyOfRange(buffer, offset, p.getLength());
                bytes += received.length;
                try {
                    IkeMessage m = matcher.match(received);
                    if (m != null) {
                        return new Received(m, bytes, (System.nanoTime() - start) / 1_000_000, transmissions);
                    }
                } catch (MalformedIkeException e) {
                    lastProblem = e.getMessage();
                }
            }
        }

        private static byte[] withMarker(byte[] message) {
            byte[] out = new byte[IkeMessage.NON_ESP_MARKER_LENGTH + message.length];
            System.arraycopy(message, 0, out, IkeMessage.NON_ESP_MARKER_LENGTH, message.length);
            return out;
        }

        private String ignored() {
            return lastProblem == null ? "" : " (ignored " + lastProblem + ")";
        }

        private CheckResult result(AuditOutcome outcome, String detail, Finding... findings) {
            return new CheckResult(target, check, outcome, detail, answer, packets, List.of(findings));
        }
    }
}
