package dev.wificall.testkit;

import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.IkePayload;
import dev.wificall.ike.IkePayload.Notify;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the simulator does with each IKE_SA_INIT and IKE_AUTH request on one port: answer like an
 * ePDG, demand a cookie, ask for another DH group, refuse, stay silent, answer late or lossy, answer
 * with something broken, or refuse the attach in IKE_AUTH. Immutable; combine them
 * ({@code delay(Duration.ofMillis(300), cookieFirst())}).
 *
 * <p>IKE_AUTH request 1 follows the behaviour of the port it arrives at (a phone sends it to "4500"),
 * for an IKE SA the simulator accepted on either port; only {@link #authError} answers it, every
 * other behaviour drops it, as an ePDG that never answers would. Whatever the behaviour, the simulator
 * ignores the rest: later IKE_AUTH and INFORMATIONAL requests, IKE_AUTH for an SA it does not know or
 * whose ICV does not verify, ESP and NAT-T keepalives on "4500", anything it cannot decode.
 */
public final class Behaviour {

    /** What one behaviour does with one request; runs on the simulator's thread. */
    @FunctionalInterface
    interface Rule {
        Optional<Reply> apply(Received request, SaInitResponder responder);
    }

    private static final Rule DROP = (r, s) -> Optional.empty();
    /** Fragments of at most this many bytes (IKE header to ICV): 576-byte IPv4 datagrams (RFC 7383 §2.5.1). */
    private static final int AUTH_FRAGMENT_LENGTH = 576 - 28;
    /** The certificate's length in {@link #incompleteAuthFragments}: enough for 8 fragments. */
    private static final int AUTH_CERTIFICATE_LENGTH = 3600;
    /** Fragments the answer of {@link #incompleteAuthFragments} needs. */
    public static final int AUTH_FRAGMENTS = 8;

    private final String description;
    private final Rule saInit;
    private final Rule auth;

    /** A behaviour for IKE_SA_INIT that drops IKE_AUTH. */
    private Behaviour(String description, Rule saInit) {
        this(description, saInit, DROP);
    }

    private Behaviour(String description, Rule saInit, Rule auth) {
        this.description = description;
        this.saInit = saInit;
        this.auth = auth;
    }

    /** A behaviour that treats IKE_SA_INIT and IKE_AUTH alike, by handing both to others. */
    private static Behaviour wrapping(String description, Rule both) {
        return new Behaviour(description, both, both);
    }

    Optional<Reply> apply(Received request, SaInitResponder responder) {
        return (request.ikeAuth() ? auth : saInit).apply(request, responder);
    }

    /**
     * A real IKE_SA_INIT response: the first offered proposal the simulator accepts, with a KE of its
     * own fresh key pair for that group, a fresh nonce and responder SPI, NAT detection hashes of the
     * request's real addresses and ports, and IKEV2_FRAGMENTATION_SUPPORTED when the request has it.
     * INVALID_KE_PAYLOAD naming the chosen group when the request's KE is for another one (RFC 7296
     * §1.3), NO_PROPOSAL_CHOSEN when no proposal matches. A retransmitted request gets the same bytes.
     */
    public static Behaviour answer() {
        return new Behaviour("answer()", (r, s) -> Optional.of(Reply.now(s.answer(r, false))));
    }

    /** COOKIE (RFC 7296 §2.6) to every request that does not echo its cookie first; answers one that does. */
    public static Behaviour cookieFirst() {
        return new Behaviour("cookieFirst()", (r, s) -> Optional.of(Reply.now(s.cookieValid(r) ? s.answer(r, false)
                : s.refuse(r, Notify.COOKIE, s.cookie(r)))));
    }

    /**
     * INVALID_KE_PAYLOAD naming {@code group} to every request whose KE is for another group; answers
     * one with a KE for it (the simulator's proposals must accept that group).
     */
    public static Behaviour invalidKe(int group) {
        if (group < 1 || group > 0xFFFF) {
            throw new IllegalArgumentException("DH group " + group + " must be from 1 to 65535, e.g. 14 or 19");
        }
        return new Behaviour("invalidKe(" + group + ")", (r, s) -> {
            boolean fits = r.keyExchange().map(ke -> ke.group() == group).orElse(false);
            return Optional.of(Reply.now(fits ? s.answer(r, false)
                    : s.refuse(r, Notify.INVALID_KE_PAYLOAD, SaInitResponder.groupBytes(group))));
        });
    }

    /** NO_PROPOSAL_CHOSEN to everything, as an ePDG that accepts none of the offered proposals. */
    public static Behaviour noProposalChosen() {
        return refusing("noProposalChosen()", Notify.NO_PROPOSAL_CHOSEN);
    }

    /** Drops every request, as a firewall on the path does. */
    public static Behaviour silence() {
        return new Behaviour("silence()", DROP);
    }

    /**
     * Answers IKE_SA_INIT as {@link #answer()}, then refuses the attach: IKE_AUTH request 1 gets a
     * response with only the error notify {@code notifyType} in its SK payload, sealed with the
     * responder's keys of that IKE SA (RFC 7296 §2.14), as an ePDG sends it before any EAP. A
     * retransmitted request gets the same bytes. E.g. {@code authError(Notify.USER_UNKNOWN)} for an
     * ePDG whose HSS does not know the subscriber; the 3GPP errors of TS 24.302 §8.1.2.2 are 9000
     * (NON_3GPP_ACCESS_TO_EPC_NOT_ALLOWED), 9001 (USER_UNKNOWN), 9002 (NO_APN_SUBSCRIPTION), 9003
     * (AUTHORIZATION_REJECTED), 9006 (ILLEGAL_ME), 10500 (NETWORK_FAILURE) and others; IKEv2's own
     * include 24 (AUTHENTICATION_FAILED) and 38 (TS_UNACCEPTABLE). The IKE SA must use AES-CBC or
     * AES-GCM, as the default proposals do: with another algorithm (3DES, ChaCha20) the simulator has
     * no SK payload to answer with and drops IKE_AUTH.
     *
     * @param notifyType an error type, 1 to 16383
     */
    public static Behaviour authError(int notifyType) {
        if (notifyType < 1 || notifyType >= 16384) {
            throw new IllegalArgumentException("notify type " + notifyType + " is not an error type (1 to 16383), e.g. 9001"
                    + " (USER_UNKNOWN) or 24 (AUTHENTICATION_FAILED)");
        }
        List<IkePayload> refusal = List.of(Notify.of(notifyType, new byte[0]));
        return new Behaviour("authError(" + notifyType + ")", (r, s) -> Optional.of(Reply.now(s.answer(r, false))),
                (r, s) -> s.authAnswer(r, refusal).map(Reply::now));
    }

    /**
     * Answers IKE_SA_INIT as {@link #answer()}, then sends only the first {@code sent} of the
     * {@value #AUTH_FRAGMENTS} RFC 7383 fragments of its IKE_AUTH answer (IDr and a certificate of
     * random bytes), every time the request comes: fragments lost on the path, or an ePDG that never
     * finishes. The initiator's IKE_SA_INIT must offer fragmentation, as phones do.
     *
     * @param sent 1 to {@value #AUTH_FRAGMENTS} - 1
     */
    public static Behaviour incompleteAuthFragments(int sent) {
        if (sent < 1 || sent >= AUTH_FRAGMENTS) {
            throw new IllegalArgumentException(sent + " fragments sent; expected 1 to " + (AUTH_FRAGMENTS - 1)
                    + " of the " + AUTH_FRAGMENTS + " the answer needs, e.g. 3");
        }
        return new Behaviour("incompleteAuthFragments(" + sent + ")", (r, s) -> Optional.of(Reply.now(s.answer(r, false))),
                (r, s) -> {
                    List<IkePayload> answer = List.of(IkePayload.Identification.fqdn(false, "epdg.simulator"),
                            new IkePayload.Certificate(IkePayload.Certificate.X509_SIGNATURE, s.noise(AUTH_CERTIFICATE_LENGTH)));
                    return s.authFragments(r, answer, AUTH_FRAGMENT_LENGTH, sent).map(Reply::all);
                });
    }

    /**
     * What {@code then} sends, but from the simulator's other socket: an answer to a request on "500"
     * comes from "4500" and the other way round, as from a responder behind a NAT that rewrote the
     * port. A phone's socket is connected to the port it sent to and never sees it (RFC 7296 §2.11).
     */
    public static Behaviour fromOtherPort(Behaviour then) {
        Objects.requireNonNull(then, "then");
        return wrapping("fromOtherPort(" + then + ")", (r, s) -> then.apply(r, s).map(Reply::fromOtherPort));
    }

    /** What {@code then} sends, {@code delay} later: a slow or distant ePDG. */
    public static Behaviour delay(Duration delay, Behaviour then) {
        Objects.requireNonNull(then, "then");
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay " + delay + " must be zero or positive, e.g. 300 ms");
        }
        return wrapping("delay(" + delay.toMillis() + " ms, " + then + ")",
                (r, s) -> then.apply(r, s).map(reply -> reply.later(delay)));
    }

    /**
     * Drops that share of requests at random (0 to 1), and does what {@code then} says with the rest:
     * a lossy path. The draws follow {@link EpdgSimulator.Builder#seed}.
     */
    public static Behaviour drop(double share, Behaviour then) {
        Objects.requireNonNull(then, "then");
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("drop share " + share + " must be from 0 to 1, e.g. 0.5 for every other request");
        }
        return wrapping("drop(" + share + ", " + then + ")",
                (r, s) -> s.chance(share) ? Optional.empty() : then.apply(r, s));
    }

    /**
     * Answers as {@link #answer()}, but with the same KE public value (per group) and the same nonce
     * in every handshake: a misbehaving ePDG that reuses its key pair.
     */
    public static Behaviour staticKe() {
        return new Behaviour("staticKe()", (r, s) -> Optional.of(Reply.now(s.answer(r, true))));
    }

    /**
     * Answers as {@link #answer()}, with a fresh nonce but the simulator's static KE public value per
     * group ({@link EpdgSimulator.Builder#staticKeys}, shared with other simulators when they were given
     * the same): an ePDG with a fixed private key, as in CVE-2024-22064.
     */
    public static Behaviour sharedKey() {
        return new Behaviour("sharedKey()", (r, s) -> Optional.of(Reply.now(s.answer(r, true, false))));
    }

    /**
     * Answers as {@link #answer()}, with fresh KE values but one nonce for every handshake (the
     * simulator's {@link StaticKeys}', shared with simulators given the same): a broken random source.
     */
    public static Behaviour reusedNonce() {
        return new Behaviour("reusedNonce()", (r, s) -> Optional.of(Reply.now(s.answer(r, false, true))));
    }

    /**
     * Refuses every request with the error notify {@code type} alone, e.g. 9000
     * (NON_3GPP_ACCESS_TO_EPC_NOT_ALLOWED) or another private error of 3GPP TS 24.302 §8.1.2.2,
     * which a real ePDG sends in IKE_AUTH; or an IKEv2 error such as 43 (TEMPORARY_FAILURE).
     *
     * @param type an error type (1 to 16383) other than INVALID_KE_PAYLOAD (17), which needs a
     *             group: see {@link #invalidKe}
     */
    public static Behaviour errorNotify(int type) {
        if (type < 1 || type >= 16384) {
            throw new IllegalArgumentException("notify type " + type + " is not an error type (1 to 16383), e.g. 9000"
                    + " (NON_3GPP_ACCESS_TO_EPC_NOT_ALLOWED) or 43 (TEMPORARY_FAILURE)");
        }
        if (type == Notify.INVALID_KE_PAYLOAD) {
            throw new IllegalArgumentException("notify type 17 (INVALID_KE_PAYLOAD) carries a DH group; use invalidKe(group)");
        }
        return refusing("errorNotify(" + type + ")", type);
    }

    private static Behaviour refusing(String description, int type) {
        return new Behaviour(description, (r, s) -> Optional.of(Reply.now(s.refuse(r, type, new byte[0]))));
    }

    /**
     * {@code noise} datagrams of random bytes to each request (after a non-ESP marker on "4500"), then
     * what {@code then} sends: a responder (or something on the path) that floods the prober's socket.
     */
    public static Behaviour flood(int noise, Behaviour then) {
        Objects.requireNonNull(then, "then");
        if (noise < 1 || noise > 100_000) {
            throw new IllegalArgumentException("flood of " + noise + " datagrams; expected 1 to 100000, e.g. 2000");
        }
        return wrapping("flood(" + noise + ", " + then + ")", (r, s) -> then.apply(r, s).map(reply -> {
            List<byte[]> datagrams = new java.util.ArrayList<>(noise);
            for (int i = 0; i < noise; i++) {
                byte[] d = s.noise(300);
                if (r.port().nonEspMarker()) {
                    // the non-ESP marker gets it past a NAT-T receiver's first check, into its IKE decoder
                    Arrays.fill(d, 0, IkeMessage.NON_ESP_MARKER_LENGTH, (byte) 0);
                }
                datagrams.add(d);
            }
            return reply.after(datagrams);
        }));
    }

    /** The answer {@link #answer()} would give, damaged as {@code kind} says. */
    public static Behaviour malformed(Malformation kind) {
        Objects.requireNonNull(kind, "kind");
        return new Behaviour("malformed(" + kind + ")", (r, s) -> Optional.of(Reply.now(s.malformed(r, kind))));
    }

    /**
     * {@code then} for requests that offer DH group {@code group} in any proposal, {@code otherwise}
     * for the rest: e.g. an ePDG silent to offers without group 19,
     * {@code whenGroupOffered(19, answer(), silence())}. IKE_AUTH goes where the IKE_SA_INIT of its SA went.
     */
    public static Behaviour whenGroupOffered(int group, Behaviour then, Behaviour otherwise) {
        Objects.requireNonNull(then, "then");
        Objects.requireNonNull(otherwise, "otherwise");
        return wrapping("whenGroupOffered(" + group + ", " + then + ", " + otherwise + ")",
                (r, s) -> (s.offersGroup(r, group) ? then : otherwise).apply(r, s));
    }

    /** The factory call that made this behaviour, e.g. "delay(300 ms, answer())". */
    @Override
    public String toString() {
        return description;
    }
}
