package dev.wificall.probe;

import dev.wificall.dns.AddressText;
import dev.wificall.ike.DhGroup;
import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.IkePayload.Notify;
import dev.wificall.ike.IkeProposals;
import dev.wificall.ike.MalformedIkeException;
import dev.wificall.ike.SaInitRequest;
import dev.wificall.ike.SaInitResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One target's IKE_SA_INIT exchange as a state machine driven by the engine thread: open a connected
 * socket (ICMP errors surface only on connected sockets), send, answer COOKIE and INVALID_KE_PAYLOAD,
 * retransmit, re-check silence with the broad proposal, and end in exactly one {@link PortResult}.
 * Not thread-safe: only the engine thread calls it.
 */
final class ProbeExchange {
    static final int MAX_COOKIE_ROUNDS = 2;
    static final int MAX_GROUP_RETRIES = 2;

    /** One offer's request as it evolves (cookie, group), under its own SPI. */
    private static final class Line {
        final Offer offer;
        final IkeProposals proposals;
        final String name;
        SaInitRequest request;
        byte[] datagram;
        int sends;
        int sendsOfThisVersion;
        /** The picture's label of this version's first send: "IKE_SA_INIT request, DH group 19", "retry with DH group 14". */
        String version;

        Line(Offer offer, IkeProposals proposals, String name, SaInitRequest request, boolean marker, String version) {
            this.offer = offer;
            this.proposals = proposals;
            this.name = name;
            use(request, marker, version);
        }

        void use(SaInitRequest r, boolean marker, String version) {
            request = r;
            datagram = r.encode(marker);
            sendsOfThisVersion = 0;
            this.version = version;
        }
    }

    final Batch batch;
    final int index;
    final ProbeTarget target;
    final EngineLoop.TimerSlot timer = new EngineLoop.TimerSlot(this::onTimer);
    private final EngineLoop engine;
    private final ProbeSettings settings;
    private final boolean marker;
    private final Transcript.Recorder transcript;

    private DatagramChannel channel;
    private SelectionKey key;
    private InetSocketAddress local;
    private SourceEndpoint source;
    private Line configured;
    private Line broad;
    /** The line that got the first authentic answer; from then on the only one sent. */
    private Line answered;
    /** Datagrams of the current slot still waiting for a rate token. */
    private final ArrayDeque<Line> queue = new ArrayDeque<>();

    private long start = -1;
    private long deadline;
    private boolean cutByGlobalDeadline;
    private long nextSlot;
    private long wait;
    private int slotsOfThisVersion;
    private int requests;

    private SaInitRequest finalRequest;
    private SaInitResponse finalResponse;
    private int cookieRounds;
    private final List<GroupRetry> groupRetries = new ArrayList<>();
    /** The retries so far, in order, for the detail: "a COOKIE round", "INVALID_KE_PAYLOAD asked for DH group 14". */
    private final List<String> steps = new ArrayList<>();
    private static final String COOKIE_STEP = "a COOKIE round";
    /** What a responder that repeats itself said, reported at the deadline unless a real answer comes. */
    private String insisting;
    private String lastBad;
    private int lastBadSize;
    private boolean finished;

    ProbeExchange(EngineLoop engine, Batch batch, int index, long now) {
        this.engine = engine;
        this.batch = batch;
        this.index = index;
        this.target = batch.targets.get(index);
        this.settings = engine.settings();
        this.marker = target.port().nonEspMarker();
        this.transcript = new Transcript.Recorder(now, target.port() + " probe of " + AddressText.of(target.destination()));
    }

    // --- opening: source, bind, connect, first request ---

    /** Opens the socket and builds the first request; ends the exchange NOT_SENT when that fails. */
    void open(long now) {
        try {
            Bound bound = bindSource(now);
            channel = bound.channel();
            channel.connect(target.destination());
            // NAT detection hashes the address and port the kernel chose for this connected socket
            local = (InetSocketAddress) channel.getLocalAddress();
            source = new SourceEndpoint(local, bound.phonePort(), bound.note());
            transcript.header(target.port() + " probe of " + AddressText.of(target.destination()) + " from " + source);
            key = channel.register(engine.selector(), SelectionKey.OP_READ, this);
            IkeProposals offer = offer();
            configured = new Line(Offer.CONFIGURED, offer, offer.equals(IkeProposals.PHONE) ? "phone" : "configured",
                    SaInitRequest.create(offer, offer.firstGroup(), engine.publicValue(offer.firstGroup()), local,
                            target.destination(), engine.random()), marker, "IKE_SA_INIT request, DH group "
                            + offer.firstGroup().id());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // IllegalArgumentException: UnsupportedAddressTypeException, UnresolvedAddressException
            NetworkErrors.Failure f = NetworkErrors.classify(e, true, AddressText.of(target.destination().getAddress()), 0);
            finish(now, f.outcome(), f.detail());
            return;
        } catch (SourceUnavailable e) {
            finish(now, PortOutcome.NOT_SENT, "not sent: " + e.getMessage());
            return;
        }
        wait = settings.initialWait().toNanos();
        // key generation took milliseconds: the first request leaves now, not when opening began
        advance(System.nanoTime());
    }

    private IkeProposals offer() {
        return target.offer() != null ? target.offer() : settings.proposals();
    }

    /** A socket bound as the settings ask, not yet connected. */
    private record Bound(DatagramChannel channel, boolean phonePort, String note) {
    }

    private Bound bindSource(long now) throws IOException, SourceUnavailable {
        boolean v6 = target.destination().getAddress() instanceof Inet6Address;
        InetAddress address = sourceAddress(v6);
        SourceBinding binding = settings.source();
        InetAddress bindAddress = address != null ? address : InetAddress.getByName(v6 ? "::" : "0.0.0.0");
        String note = "";
        if (binding.policy() == SourcePortPolicy.PHONE_PORTS_IF_POSSIBLE) {
            int port = binding.portOverride() != 0 ? binding.portOverride() : target.port().number();
            DatagramChannel ch = newChannel(v6);
            try {
                // many connected sockets share the port; the kernel hands each its own peer's datagrams
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                if (ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                    ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                }
                ch.bind(new InetSocketAddress(bindAddress, port));
                return new Bound(ch, true, "");
            } catch (IOException e) {
                // not root, or a daemon holds the port without SO_REUSEPORT
                ch.close();
                note = "port " + port + " unavailable (" + e.getMessage() + "): ephemeral port";
                transcript.event(now, Transcript.Kind.NOTE, "source " + note);
            }
        }
        DatagramChannel ch = newChannel(v6);
        try {
            if (address != null || !note.isEmpty()) {
                ch.bind(new InetSocketAddress(bindAddress, 0));
            }
            return new Bound(ch, false, note);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static DatagramChannel newChannel(boolean v6) throws IOException {
        DatagramChannel ch = DatagramChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            ch.configureBlocking(false);
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /** A configured source address or the interface's, or null to let routing choose. */
    private InetAddress sourceAddress(boolean v6) throws SourceUnavailable, SocketException {
        SourceBinding binding = settings.source();
        String family = v6 ? "IPv6" : "IPv4";
        if (binding.address() != null) {
            if (binding.address() instanceof Inet6Address != v6) {
                throw new SourceUnavailable("source address " + AddressText.of(binding.address()) + " is not " + family
                        + " like the target " + AddressText.of(target.destination().getAddress()));
            }
            return binding.address();
        }
        if (binding.interfaceName() == null) {
            return null;
        }
        NetworkInterface nif = NetworkInterface.getByName(binding.interfaceName());
        if (nif == null) {
            throw new SourceUnavailable("no network interface named '" + binding.interfaceName() + "'");
        }
        boolean linkLocalTarget = target.destination().getAddress().isLinkLocalAddress();
        InetAddress fallback = null;
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
            if (a instanceof Inet6Address == v6) {
                if (!v6 || a.isLinkLocalAddress() == linkLocalTarget) {
                    return a;
                }
                fallback = fallback == null ? a : fallback;
            }
        }
        if (fallback != null) {
            return fallback;
        }
        throw new SourceUnavailable("interface " + binding.interfaceName() + " has no " + family + " address");
    }

    /** The source the settings name cannot be used for this target. */
    static final class SourceUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        SourceUnavailable(String message) {
            super(message);
        }
    }

    // --- sending: slots of one or two datagrams, under the rate cap ---

    private void onTimer(long now) {
        advance(now);
    }

    /** Does whatever is due at {@code now}, then arms the timer for the next thing. */
    private void advance(long now) {
        if (finished) {
            return;
        }
        if (start < 0 && now - batch.globalDeadline >= 0) {
            finish(now, PortOutcome.NOT_SENT, "not sent: global deadline reached before the first request ("
                    + seconds(engine.settings().globalDeadline()) + " s)");
            return;
        }
        if (start >= 0 && now - deadline >= 0) {
            timeout(now);
            return;
        }
        if (broadWanted() && broad == null && start >= 0 && now - prepareAt() >= 0) {
            prepareBroad(now);
            now = System.nanoTime();
        }
        if (queue.isEmpty() && (slotsOfThisVersion == 0 || now - nextSlot >= 0 && nextSlot - deadline < 0)) {
            beginSlot(now);
            now = System.nanoTime();
        }
        while (!queue.isEmpty()) {
            if (!engine.takeToken(now)) {
                break;
            }
            if (!send(queue.poll(), now)) {
                return;
            }
        }
        long wake = start < 0 ? batch.globalDeadline : deadline;
        if (!queue.isEmpty()) {
            wake = earlier(wake, engine.tokenTime(now));
        } else if (slotsOfThisVersion > 0 && nextSlot - deadline < 0) {
            wake = earlier(wake, nextSlot);
        }
        if (broadWanted() && broad == null && start >= 0) {
            wake = earlier(wake, prepareAt());
        }
        engine.arm(timer, wake);
    }

    private static long earlier(long a, long b) {
        return a - b <= 0 ? a : b;
    }

    /** The configured request, and from its first retransmission on, the broad one beside it. */
    private void beginSlot(long now) {
        if (slotsOfThisVersion > 0) {
            // planned from the previous slot, not from this wake-up, so a late wake does not shift later ones
            nextSlot += jittered(wait);
            wait *= 2;
        }
        slotsOfThisVersion++;
        if (answered != null) {
            queue.add(answered);
            return;
        }
        queue.add(configured);
        if (broadWanted() && requests > 0) {
            if (broad == null) {
                prepareBroad(now);
            }
            if (broad != null) {
                queue.add(broad);
            }
        }
    }

    private long jittered(long nanos) {
        return nanos + (long) ((engine.uniform() * 2 - 1) * settings.jitter() * nanos);
    }

    private boolean broadWanted() {
        return settings.broadRecheck() && answered == null && !offer().equals(IkeProposals.BROAD);
    }

    // key generation for the broad offer's group 14 takes milliseconds: do it before it is due
    private long prepareAt() {
        return start + settings.initialWait().toNanos() / 2;
    }

    private void prepareBroad(long now) {
        IkeProposals b = IkeProposals.BROAD;
        broad = new Line(Offer.BROAD, b, "broad", SaInitRequest.create(b, b.firstGroup(), engine.publicValue(b.firstGroup()),
                local, target.destination(), engine.random()), marker, "broad re-check, DH group " + b.firstGroup().id());
        transcript.event(now, Transcript.Kind.NOTE, "prepared the broad re-check (SPIi " + spi(broad.request)
                + "), sent with every retransmission until one of the offers is answered");
    }

    /** Sends one datagram; false when that ended the exchange. */
    private boolean send(Line line, long now) {
        try {
            int n = channel.write(ByteBuffer.wrap(line.datagram));
            if (n != line.datagram.length) {
                // a UDP write is all or nothing: nothing left this host
                transcript.event(now, Transcript.Kind.NOTE, "the kernel took " + n + " of " + line.datagram.length + " bytes");
                return true;
            }
        } catch (IOException e) {
            // after a first datagram left, a send error is the kernel reporting an ICMP error for it
            icmp(e, requests == 0, now);
            return false;
        }
        if (start < 0) {
            start = now;
            transcript.origin(now);
            long own = now + settings.deadline().toNanos();
            cutByGlobalDeadline = batch.globalDeadline - own < 0;
            deadline = cutByGlobalDeadline ? batch.globalDeadline : own;
        }
        if (line.sendsOfThisVersion == 0 && line == queueOwner()) {
            nextSlot = now + jittered(wait);
            wait *= 2;
        }
        requests++;
        line.sends++;
        line.sendsOfThisVersion++;
        transcript.sent(now, local, target.destination(), line.datagram, describe(line), label(line));
        return true;
    }

    /** The line whose first send fixes the slot plan: the answered one, else the configured one. */
    private Line queueOwner() {
        return answered != null ? answered : configured;
    }

    private String describe(Line line) {
        SaInitRequest r = line.request;
        String what = "IKE_SA_INIT request, " + line.name + " proposal, SPIi " + spi(r) + ", KE DH group " + r.group().id()
                + (r.cookie().length > 0 ? ", " + r.cookie().length + "-byte cookie first" : "");
        return line.sendsOfThisVersion > 1 ? what + ", retransmission " + (line.sendsOfThisVersion - 1) : what;
    }

    /** "retransmission #2" for the third send of one request; the version's label for its first. */
    private String label(Line line) {
        if (line.sendsOfThisVersion <= 1) {
            return line.version;
        }
        String n = "retransmission #" + (line.sendsOfThisVersion - 1);
        return line == broad ? "broad re-check, " + n : n;
    }

    private static String spi(SaInitRequest r) {
        return String.format("0x%016x", r.spi());
    }

    // --- receiving: what came back, in arrival order ---

    void onReadable() {
        ByteBuffer in = engine.receiveBuffer();
        try {
            // each datagram gets its own time: an answer to a retry sent in this loop may already be here
            while (!finished && channel.receive(in.clear()) != null) {
                received(Arrays.copyOf(in.array(), in.position()), System.nanoTime());
            }
        } catch (IOException e) {
            icmp(e, false, System.nanoTime());
        }
    }

    private void received(byte[] data, long now) {
        Line line = null;
        SaInitResponse response = null;
        String problem;
        if (isEcho(data)) {
            problem = "our own IKE_SA_INIT request came back unchanged (a UDP echo, not an IKE responder)";
        } else {
            try {
                IkeMessage message = IkeMessage.decode(data, data.length, marker);
                line = lineOf(message);
                problem = (line != null ? line : configured).request.mismatch(message)
                        .map(m -> "not an answer to our IKE_SA_INIT: " + m).orElse(null);
                if (problem == null) {
                    response = new SaInitResponse(message, data.length);
                    // an answer a phone rejects is never the path's answer: note it, keep listening until the deadline
                    problem = response.problem((line != null ? line : configured).request).orElse(null);
                }
            } catch (MalformedIkeException e) {
                problem = e.getMessage();
            }
        }
        if (problem != null) {
            transcript.received(now, target.destination(), local, data, problem,
                    isEcho(data) ? "our own request echoed (ignored)" : "not a valid answer (ignored)");
            // an old or stray datagram may precede the real answer: keep waiting, but remember it
            lastBad = problem;
            lastBadSize = data.length;
            return;
        }
        transcript.received(now, target.destination(), local, data, "response to the " + line.name + " request: "
                + response.describe(line.request), label(response));
        answer(line, response, now);
    }

    /** "IKE_SA_INIT response, DH group 19: aes256gcm16-prfsha256-ecp256", "COOKIE requested", "NO_PROPOSAL_CHOSEN". */
    private static String label(SaInitResponse r) {
        return switch (r.kind()) {
            case ACCEPTED -> "IKE_SA_INIT response" + (r.keGroup().isPresent() ? ", DH group " + r.keGroup().getAsInt() : "")
                    + r.selectedProposalText().map(t -> ": " + t).orElse("");
            case COOKIE -> "COOKIE requested";
            case INVALID_KE -> "INVALID_KE_PAYLOAD: wants DH group " + r.requestedGroup().orElseThrow();
            case NO_PROPOSAL_CHOSEN -> "NO_PROPOSAL_CHOSEN";
            case ERROR -> "error: " + String.join(", ", r.notifyNames());
            case OTHER -> "IKE_SA_INIT response without SA" + (r.notifies().isEmpty() ? "" : ": "
                    + String.join(", ", r.notifyNames()));
        };
    }

    private boolean isEcho(byte[] data) {
        return Arrays.equals(data, configured.datagram) || broad != null && Arrays.equals(data, broad.datagram);
    }

    private Line lineOf(IkeMessage m) {
        if (m.initiatorSpi() == configured.request.spi()) {
            return configured;
        }
        return broad != null && m.initiatorSpi() == broad.request.spi() ? broad : null;
    }

    // --- answering: accept, follow COOKIE and INVALID_KE_PAYLOAD, or end ---

    private void answer(Line line, SaInitResponse response, long now) {
        if (answered != null && answered != line) {
            transcript.event(now, Transcript.Kind.NOTE, "late answer to the " + line.name + " request set aside: the "
                    + answered.name + " request was answered first", "late answer set aside");
            return;
        }
        if (answered == null && line == broad) {
            transcript.event(now, Transcript.Kind.NOTE, "only the broad re-check was answered; the " + configured.name
                    + " request got no answer to " + configured.sends + " sends", "only the broad re-check was answered");
        }
        answered = line;
        queue.removeIf(l -> l != line);
        if (hasNotify(response, Notify.NO_PROPOSAL_CHOSEN)) {
            remember(line, response);
            end(now, "NO_PROPOSAL_CHOSEN: reachable, but the responder rejected the " + line.name + " proposal");
            return;
        }
        switch (response.kind()) {
            case ACCEPTED:
                remember(line, response);
                end(now, response.describe(line.request));
                return;
            case COOKIE:
                cookie(line, response, now);
                return;
            case INVALID_KE:
                invalidKe(line, response, now);
                return;
            default:
                // ERROR with its notify names, OTHER (e.g. REDIRECT), and kinds this engine does not know yet
                remember(line, response);
                end(now, response.describe(line.request));
        }
    }

    private void cookie(Line line, SaInitResponse response, long now) {
        byte[] cookie = response.cookie().orElseThrow();
        if (Arrays.equals(cookie, line.request.cookie())) {
            repeated(line, response, now, ", although the request echoed that cookie");
            return;
        }
        remember(line, response);
        if (cookieRounds == MAX_COOKIE_ROUNDS) {
            end(now, response.describe(line.request) + " again after " + MAX_COOKIE_ROUNDS + " cookie rounds; gave up",
                    steps.stream().filter(s -> !s.equals(COOKIE_STEP)).toList());
            return;
        }
        cookieRounds++;
        steps.add(COOKIE_STEP);
        retry(line, line.request.withCookie(cookie), "request repeated with the cookie", now, "resending with the " + cookie.length
                + "-byte cookie as first payload (cookie round " + cookieRounds + " of at most " + MAX_COOKIE_ROUNDS + ")");
    }

    private void invalidKe(Line line, SaInitResponse response, long now) {
        int wanted = response.requestedGroup().orElseThrow();
        Optional<DhGroup> group = DhGroup.byId(wanted);
        boolean offered = group.isPresent() && line.proposals.groups().contains(group.get());
        if (wanted == line.request.group().id()) {
            if (insisting == null) {
                groupRetries.add(new GroupRetry(wanted, offered, false));
            }
            repeated(line, response, now, ", although the request carried a DH group " + wanted + " KE");
            return;
        }
        remember(line, response);
        if (!offered) {
            groupRetries.add(new GroupRetry(wanted, false, false));
            end(now, response.describe(line.request) + ", which the " + line.name + " proposal does not offer (it offers "
                    + line.proposals.groups().stream().map(g -> String.valueOf(g.id())).collect(Collectors.joining(", "))
                    + ")");
            return;
        }
        if (groupRetries.size() == MAX_GROUP_RETRIES) {
            groupRetries.add(new GroupRetry(wanted, true, false));
            end(now, response.describe(line.request) + "; gave up after " + MAX_GROUP_RETRIES + " group retries");
            return;
        }
        groupRetries.add(new GroupRetry(wanted, true, true));
        steps.add("INVALID_KE_PAYLOAD asked for DH group " + wanted);
        SaInitRequest next = line.request.withGroup(group.get(), engine.publicValue(group.get()));
        retry(line, next, "retry with DH group " + wanted, System.nanoTime(), "resending with a DH group " + wanted + " KE, which the " + line.name
                + " proposal offers");
    }

    /**
     * An answer asking for what the current request already does. It is the answer to an earlier copy
     * (a retransmission, a duplicate) or a responder that insists; only the deadline tells, so keep
     * waiting and report it then if nothing better comes.
     */
    private void repeated(Line line, SaInitResponse response, long now, String why) {
        transcript.event(now, Transcript.Kind.NOTE, "answer asks for what the current request already does: an answer to"
                + " an earlier copy, or the responder insists; still waiting", "asks again for what was sent: still waiting");
        remember(line, response);
        insisting = response.describe(line.request) + why;
    }

    private static boolean hasNotify(SaInitResponse r, int type) {
        return r.message().payloads(Notify.class).stream().anyMatch(n -> n.notifyType() == type);
    }

    private void remember(Line line, SaInitResponse response) {
        finalRequest = line.request;
        finalResponse = response;
    }

    /** A new request version on the answered line, sent now, with a fresh retransmission plan. */
    private void retry(Line line, SaInitRequest next, String label, long now, String why) {
        transcript.event(now, Transcript.Kind.NOTE, why);
        insisting = null;
        line.use(next, marker, label);
        queue.clear();
        slotsOfThisVersion = 0;
        wait = settings.initialWait().toNanos();
        advance(now);
    }

    // --- ending ---

    /** An authentic answer ended the exchange: reachable. */
    private void end(long now, String what) {
        end(now, what, steps);
    }

    /** @param before the retries that led to the answer, in order */
    private void end(long now, String what, List<String> before) {
        String detail = what;
        if (answered == broad) {
            detail = "answered only the broad proposal (the " + configured.name + " proposal got no answer to "
                    + configured.sends + " IKE_SA_INIT request" + plural(configured.sends) + "): " + detail;
        }
        if (!before.isEmpty()) {
            detail += "; after " + render(before);
        }
        finish(now, PortOutcome.ANSWERED, detail);
    }

    /** "a COOKIE round and INVALID_KE_PAYLOAD asked for DH group 14", with repeated cookie rounds counted. */
    private static String render(List<String> steps) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            int j = i;
            while (j + 1 < steps.size() && steps.get(j + 1).equals(COOKIE_STEP) && steps.get(i).equals(COOKIE_STEP)) {
                j++;
            }
            words.add(j > i ? (j - i + 1) + " COOKIE rounds" : steps.get(i));
            i = j;
        }
        return String.join(" and ", words);
    }

    private void timeout(long now) {
        String cut = cutByGlobalDeadline ? " (global deadline reached)" : "";
        String in = " in " + seconds(Duration.ofNanos(deadline - start)) + " s" + cut;
        // what the picture's dashed line at the deadline says
        String silence = finalResponse != null || insisting != null ? "no further answer" : lastBad != null
                ? "no valid answer" : "no answer";
        transcript.event(now, Transcript.Kind.TIMEOUT, "deadline" + cut, silence + " by " + Duration.ofNanos(deadline - start)
                .toMillis() + " ms" + cut);
        if (insisting != null) {
            end(now, insisting);
            return;
        }
        if (finalResponse != null) {
            int n = answered.sendsOfThisVersion;
            // the last step is the retry this response asked for, which the sentence names
            end(now, finalResponse.describe(finalRequest) + "; then no answer to the retry (" + n + " request" + plural(n)
                    + ")" + in, steps.subList(0, steps.size() - 1));
            return;
        }
        if (lastBad != null) {
            finish(now, PortOutcome.MALFORMED, lastBad);
            return;
        }
        String detail;
        if (broad == null || broad.sends == 0) {
            detail = "no answer to " + requests + " IKE_SA_INIT request" + plural(requests) + in;
        } else {
            detail = "no answer to " + configured.sends + " IKE_SA_INIT request" + plural(configured.sends) + " with the "
                    + configured.name + " proposal nor to " + broad.sends + " with the broad re-check" + in;
        }
        finish(now, PortOutcome.NO_ANSWER, detail);
    }

    private void icmp(Exception e, boolean sending, long now) {
        long ms = start < 0 ? 0 : Duration.ofNanos(now - start).toMillis();
        NetworkErrors.Failure f = NetworkErrors.classify(e, sending, AddressText.of(target.destination().getAddress()), ms);
        String message = String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        transcript.event(now, Transcript.Kind.ICMP, message + ": " + f.outcome(), switch (f.outcome()) {
            case PORT_UNREACHABLE -> "ICMP port unreachable";
            case REJECTED -> "ICMP: rejected (" + message + ")";
            default -> "not sent: " + message;
        });
        finish(now, f.outcome(), f.detail());
    }

    /** The caller gave up (interrupt). */
    void interrupt(long now) {
        transcript.event(now, Transcript.Kind.NOTE, "interrupted", "interrupted");
        finish(now, requests == 0 ? PortOutcome.NOT_SENT : PortOutcome.NO_ANSWER,
                "probe interrupted after " + requests + " IKE_SA_INIT request" + plural(requests));
    }

    /** An error in the engine itself; a bug. */
    void abort(long now, Throwable t) {
        finish(now, PortOutcome.NOT_SENT, "not completed: probe engine failed (" + t + ")");
    }

    private void finish(long now, PortOutcome outcome, String detail) {
        if (finished) {
            return;
        }
        finished = true;
        close();
        Duration elapsed = start < 0 ? Duration.ZERO : Duration.ofNanos(now - start);
        int bytes = outcome == PortOutcome.ANSWERED ? finalResponse.size() : outcome == PortOutcome.MALFORMED ? lastBadSize : 0;
        SaInitRequest request = finalRequest != null ? finalRequest : configured != null ? configured.request : null;
        Offer offer = answered == null ? Offer.NONE : answered.offer;
        PortResult result = new PortResult(target.destination().getAddress(), target.port(), outcome, requests, elapsed,
                detail, bytes, offer, broad == null ? 0 : broad.sends, request, finalResponse, cookieRounds, groupRetries, source, transcript.build());
        engine.finished(this, result);
    }

    boolean finished() {
        return finished;
    }

    private void close() {
        engine.cancel(timer);
        if (key != null) {
            key.cancel();
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a datagram socket only fails if it is already gone
            }
        }
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }

    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
