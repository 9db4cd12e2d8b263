package dev.wificall.userplane;

import dev.wificall.attach.Attachment;
import dev.wificall.discovery.Plmn;
import dev.wificall.dns.AddressText;
import dev.wificall.dns.Sentences;
import dev.wificall.esp.EspTunnel;
import dev.wificall.esp.InnerFragments;
import dev.wificall.esp.InnerIcmp;
import dev.wificall.esp.InnerPacket;
import dev.wificall.esp.InnerTcp;
import dev.wificall.esp.InnerUdp;
import dev.wificall.esp.MalformedInnerPacketException;
import dev.wificall.userplane.UserPlaneResult.Check;
import dev.wificall.userplane.UserPlaneResult.LifetimeFinding;
import dev.wificall.userplane.UserPlaneResult.Status;
import dev.wificall.userplane.UserPlaneResult.Step;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The user plane through one attach's tunnel, as a phone's IMS client would use it: an inner echo
 * (ESP both ways), the inner DNS for the IMS domain, SIP OPTIONS to the P-CSCFs over UDP and TCP,
 * the largest inner packet that comes back, the mapping lifetime, and IKE on the same port. Each
 * check has its own verdict and sentence. Blocking, single-threaded; every wait has a deadline.
 */
public final class UserPlaneProbe {
    /** Addresses tried per check: a handful is enough to tell, and keeps the run short. */
    private static final int MAX_TARGETS = 4;
    private static final int MTU_LOW = 576;
    private static final int MTU_HIGH = 1500;
    private static final int MTU_STEP = 8;
    /**
     * Android's carrier-config default (CarrierConfigManager.Iwlan KEY_NATT_KEEP_ALIVE_TIMER_SEC_INT); public
     * so that the reports compare a measured lifetime with the same figure the verdict does.
     */
    public static final Duration ANDROID_KEEPALIVE = Duration.ofSeconds(20);

    private final UserPlaneSettings settings;
    private final SecureRandom random;

    public UserPlaneProbe(UserPlaneSettings settings) {
        this(settings, new SecureRandom());
    }

    UserPlaneProbe(UserPlaneSettings settings, SecureRandom random) {
        this.settings = settings;
        this.random = random;
    }

    public UserPlaneSettings settings() {
        return settings;
    }

    /**
     * Runs every check through {@code tunnel}, which the caller keeps and closes; {@code plmn} names
     * the IMS domain (null: only the configured names). Never throws for what the network does.
     */
    public UserPlaneResult run(Attachment.Tunnel tunnel, String fqdn, Plmn plmn) {
        return new Run(tunnel, fqdn, plmn).run();
    }

    /** The IMS domain of a PLMN (TS 23.003 §13.2): ims.mncXXX.mccYYY.3gppnetwork.org. */
    static String imsDomain(Plmn plmn) {
        String mnc = plmn.mnc().length() == 2 ? "0" + plmn.mnc() : plmn.mnc();
        return "ims.mnc" + mnc + ".mcc" + plmn.mcc() + ".3gppnetwork.org";
    }

    private final class Run {
        private final Attachment.Tunnel attach;
        private final EspTunnel tunnel;
        private final String fqdn;
        private final Plmn plmn;
        private final long start = System.nanoTime();
        private final Inet4Address inner4;
        private final Inet6Address inner6;
        private final List<Step> steps = new ArrayList<>();
        private final List<String> transcript = new ArrayList<>();
        private int others;
        private final InnerFragments fragments = new InnerFragments();
        /** Whether the last awaited answer came in inner fragments (the ePDG's tunnel MTU). */
        private boolean fragmented;
        private InetAddress echoed;
        private long echoRtt;
        private Integer largest;
        private LifetimeFinding lifetime;

        Run(Attachment.Tunnel attach, String fqdn, Plmn plmn) {
            this.attach = attach;
            this.tunnel = new EspTunnel(attach, random);
            this.fqdn = fqdn;
            this.plmn = plmn;
            this.inner4 = attach.innerAddresses().stream().filter(Inet4Address.class::isInstance).map(Inet4Address.class::cast)
                    .findFirst().orElse(null);
            this.inner6 = attach.innerAddresses().stream().filter(Inet6Address.class::isInstance).map(Inet6Address.class::cast)
                    .findFirst().orElse(null);
        }

        UserPlaneResult run() {
            tunnel.keepAlives(settings.keepAlive());
            try {
                echo();
                dns();
                if (settings.sip()) {
                    sip(false);
                    sip(true);
                }
                if (settings.mtu()) {
                    mtu();
                }
                settings.lifetime().ifPresent(this::lifetime);
                ikeBeside();
            } catch (IOException e) {
                note("the tunnel's socket failed: " + e.getMessage());
                steps.add(new Step(Check.IKE_ON_4500, Status.FAILED, "sending to the ePDG at " + tunnel.where() + " failed: "
                        + e.getMessage() + "; check this host's route", Duration.ZERO));
            }
            return result();
        }

        // --- ESP both ways ---

        private void echo() throws IOException {
            long t0 = System.nanoTime();
            List<InetAddress> targets = settings.echoTarget().map(List::of).orElseGet(() -> {
                LinkedHashSet<InetAddress> all = new LinkedHashSet<>(attach.dnsServers());
                all.addAll(attach.pcscfServers());
                return List.copyOf(all);
            });
            List<InetAddress> usable = targets.stream().filter(a -> source(a) != null).limit(MAX_TARGETS).toList();
            if (usable.isEmpty()) {
                steps.add(new Step(Check.ESP_ECHO, Status.SKIPPED, "no address behind the ePDG to echo: the ePDG assigned "
                        + "no DNS or P-CSCF of the inner address's family", since(t0)));
                return;
            }
            List<String> silent = new ArrayList<>();
            for (InetAddress target : usable) {
                long sent = System.nanoTime();
                if (ping(target, 56, deadline(settings.answerTimeout()))) {
                    echoed = target;
                    echoRtt = System.nanoTime() - sent;
                    steps.add(new Step(Check.ESP_ECHO, Status.PASSED, "an inner ICMP echo from " + text(source(target)) + " to "
                            + text(target) + " came back through the tunnel in " + ms(echoRtt) + ": ESP in UDP passes both ways "
                            + "between here and " + tunnel.where(), since(t0)));
                    return;
                }
                silent.add(text(target));
            }
            // judged at the end: other checks may still prove that ESP comes back
            steps.add(new Step(Check.ESP_ECHO, Status.FAILED, "no inner ICMP echo came back from "
                    + Sentences.capped(silent) + " within " + seconds(settings.answerTimeout()) + " each", since(t0)));
        }

        /** One ICMP echo of {@code size} bytes (whole inner packet) to {@code target}; true when its reply came. */
        private boolean ping(InetAddress target, int size, long deadline) throws IOException {
            InetAddress from = source(target);
            int header = from instanceof Inet4Address ? 20 : 40;
            byte[] data = new byte[Math.max(0, size - header - 8)];
            random.nextBytes(data);
            int id = random.nextInt(0x10000);
            int seq = random.nextInt(0x10000);
            InnerPacket request = InnerIcmp.echoRequest(id, seq, data).packet(from, target);
            tunnel.send(request.encode());
            return await(p -> {
                if (!p.source().equals(target) || p.protocol() != request.protocol()) {
                    return false;
                }
                try {
                    return InnerIcmp.parse(p) instanceof InnerIcmp.Echo e && e.reply() && e.identifier() == id && e.sequence() == seq;
                } catch (MalformedInnerPacketException e) {
                    note("ignored a malformed ICMP packet from " + text(target) + ": " + e.getMessage());
                    return false;
                }
            }, deadline).isPresent();
        }

        // --- inner DNS ---

        private void dns() throws IOException {
            long t0 = System.nanoTime();
            List<String> names = !settings.dnsNames().isEmpty() ? settings.dnsNames()
                    : plmn != null ? List.of(imsDomain(plmn)) : List.of();
            List<InetAddress> servers = attach.dnsServers().stream().filter(a -> source(a) != null).limit(2).toList();
            if (names.isEmpty() || servers.isEmpty()) {
                steps.add(new Step(Check.INNER_DNS, Status.SKIPPED, servers.isEmpty()
                        ? "the ePDG assigned no inner DNS server (INTERNAL_IP4_DNS/INTERNAL_IP6_DNS) of the inner address's family"
                        : "no IMS domain to look up: the ePDG name names no PLMN; configure the names", since(t0)));
                return;
            }
            List<String> answered = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (String name : names) {
                String best = null;
                String why = null;
                for (InetAddress server : servers) {
                    List<String> addresses = new ArrayList<>();
                    String problem = null;
                    for (int type : new int[] {Type.A, Type.AAAA}) {
                        Answer a = query(server, name, type);
                        if (a.problem != null) {
                            problem = a.problem;
                        } else {
                            addresses.addAll(a.addresses);
                        }
                    }
                    if (!addresses.isEmpty()) {
                        best = name + " → " + Sentences.capped(addresses) + " (from " + text(server) + ")";
                        break;
                    }
                    why = name + " at " + text(server) + ": " + (problem != null ? problem : "no A or AAAA record");
                }
                if (best != null) {
                    answered.add(best);
                } else {
                    failed.add(why);
                }
            }
            if (failed.isEmpty()) {
                steps.add(new Step(Check.INNER_DNS, Status.PASSED, "the inner DNS answered through the tunnel: "
                        + String.join("; ", answered), since(t0)));
            } else {
                steps.add(new Step(Check.INNER_DNS, Status.FAILED, "the inner DNS did not answer every IMS name: "
                        + String.join("; ", failed) + (answered.isEmpty() ? "" : " (answered: " + String.join("; ", answered) + ")")
                        + "; a phone then cannot find its P-CSCF by name", since(t0)));
            }
        }

        private record Answer(List<String> addresses, String problem) {
        }

        private Answer query(InetAddress server, String name, int type) throws IOException {
            Message query;
            try {
                query = Message.newQuery(Record.newRecord(Name.fromString(name.endsWith(".") ? name : name + "."), type, DClass.IN));
            } catch (TextParseException e) {
                return new Answer(List.of(), "'" + name + "' is not a DNS name: " + e.getMessage());
            }
            int id = query.getHeader().getID();
            InetSocketAddress local = new InetSocketAddress(source(server), ephemeralPort());
            InetSocketAddress remote = new InetSocketAddress(server, 53);
            tunnel.send(InnerUdp.packet(local, remote, query.toWire()).encode());
            Optional<InnerPacket> reply = await(udpFrom(remote, local.getPort()), deadline(settings.answerTimeout()));
            if (reply.isEmpty()) {
                return new Answer(List.of(), "no answer to " + Type.string(type) + " within " + seconds(settings.answerTimeout()));
            }
            try {
                Message m = new Message(InnerUdp.parse(reply.get()).payload());
                if (m.getHeader().getID() != id) {
                    return new Answer(List.of(), "an answer with another query ID");
                }
                if (m.getRcode() != Rcode.NOERROR) {
                    return new Answer(List.of(), Rcode.string(m.getRcode()) + " for " + Type.string(type));
                }
                List<String> out = new ArrayList<>();
                for (Record r : m.getSection(Section.ANSWER)) {
                    if (r instanceof ARecord a) {
                        out.add(AddressText.of(a.getAddress()));
                    } else if (r instanceof AAAARecord a) {
                        out.add(AddressText.of(a.getAddress()));
                    }
                }
                return new Answer(out, null);
            } catch (IOException | MalformedInnerPacketException e) {
                return new Answer(List.of(), "a malformed DNS answer: " + e.getMessage());
            }
        }

        // --- SIP OPTIONS ---

        private void sip(boolean tcp) throws IOException {
            long t0 = System.nanoTime();
            Check check = tcp ? Check.SIP_TCP : Check.SIP_UDP;
            String transport = tcp ? "TCP" : "UDP";
            List<InetAddress> pcscfs = attach.pcscfServers().stream().filter(a -> source(a) != null).limit(MAX_TARGETS).toList();
            if (pcscfs.isEmpty()) {
                steps.add(new Step(check, Status.FAILED, "the ePDG assigned no P-CSCF (P_CSCF_IP4_ADDRESS/P_CSCF_IP6_ADDRESS, "
                        + "RFC 7651) of the inner address's family: a phone has no SIP server to register with", since(t0)));
                return;
            }
            List<String> answered = new ArrayList<>();
            List<String> silent = new ArrayList<>();
            for (InetAddress pcscf : pcscfs) {
                InetSocketAddress local = new InetSocketAddress(source(pcscf), ephemeralPort());
                InetSocketAddress remote = new InetSocketAddress(pcscf, settings.sipPort());
                Optional<String> status = tcp ? sipTcp(local, remote) : sipUdp(local, remote);
                if (status.isPresent() && !status.get().startsWith("!")) {
                    answered.add(hostPort(remote) + " " + status.get());
                } else {
                    silent.add(hostPort(remote) + status.map(s -> " (" + s.substring(1) + ")").orElse(""));
                }
            }
            if (!answered.isEmpty()) {
                steps.add(new Step(check, Status.PASSED, "SIP OPTIONS over " + transport + " through the tunnel: "
                        + Sentences.capped(answered) + (silent.isEmpty() ? "" : "; no answer from " + Sentences.capped(silent)),
                        since(t0)));
            } else {
                steps.add(new Step(check, Status.FAILED, "no P-CSCF answered SIP OPTIONS over " + transport + " within "
                        + seconds(settings.answerTimeout()) + ": " + Sentences.capped(silent)
                        + "; a phone could not register for calls", since(t0)));
            }
        }

        /** The response's status line in words, "!reason" when none came. */
        private Optional<String> sipUdp(InetSocketAddress local, InetSocketAddress remote) throws IOException {
            SipOptions options = SipOptions.create(local, remote, "UDP", random);
            tunnel.send(InnerUdp.packet(local, remote, options.bytes()).encode());
            long deadline = deadline(settings.answerTimeout());
            while (true) {
                Optional<InnerPacket> reply = await(udpFrom(remote, local.getPort()), deadline);
                if (reply.isEmpty()) {
                    return Optional.empty();
                }
                try {
                    Optional<SipResponse> r = options.parse(InnerUdp.parse(reply.get()).payload());
                    if (r.isPresent()) {
                        return Optional.of(describe(r.get()));
                    }
                } catch (MalformedInnerPacketException | MalformedSipException e) {
                    note("ignored a malformed answer from " + hostPort(remote) + ": " + e.getMessage());
                }
            }
        }

        private Optional<String> sipTcp(InetSocketAddress local, InetSocketAddress remote) throws IOException {
            long deadline = deadline(settings.answerTimeout());
            InnerTcp tcp;
            try {
                tcp = InnerTcp.connect(tunnel, local, remote, random, deadline);
            } catch (IOException e) {
                return Optional.of("!" + e.getMessage());
            }
            try {
                SipOptions options = SipOptions.create(local, remote, "TCP", random);
                tcp.send(options.bytes(), deadline);
                byte[] stream = tcp.receiveUntil(SipOptions::complete, deadline);
                Optional<SipResponse> r = options.parse(stream);
                return r.isPresent() ? Optional.of(describe(r.get()))
                        : Optional.of("!" + (stream.length == 0 ? "connected, but no SIP response" : "no matching SIP response"));
            } catch (IOException | MalformedSipException e) {
                return Optional.of("!" + e.getMessage());
            } finally {
                tcp.close(Math.min(deadline, System.nanoTime() + 500_000_000L));
            }
        }

        // --- largest inner packet ---

        private void mtu() throws IOException {
            long t0 = System.nanoTime();
            if (echoed == null || !(echoed instanceof Inet4Address)) {
                steps.add(new Step(Check.MTU, Status.SKIPPED, "no IPv4 address behind the ePDG answered an echo, so the "
                        + "largest inner packet could not be measured", since(t0)));
                return;
            }
            // a probe's wait: a few round trips of the first echo, never more than the answer timeout
            Duration wait = Duration.ofNanos(Math.min(settings.answerTimeout().toNanos(), 4 * echoRtt + 300_000_000L));
            int lo = MTU_LOW;
            if (!pingTwice(lo, wait)) {
                steps.add(new Step(Check.MTU, Status.FAILED, "an inner packet of " + lo + " bytes to " + text(echoed)
                        + " did not come back although a small echo did: the path drops large ESP packets", since(t0)));
                return;
            }
            int hi = MTU_HIGH;
            if (pingTwice(hi, wait)) {
                lo = hi;
            } else {
                while (hi - lo > MTU_STEP) {
                    int mid = (lo + hi) / 2;
                    if (pingTwice(mid, wait)) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
            }
            largest = lo;
            // where the ePDG starts fragmenting its answers: its tunnel MTU, which a phone's packets meet on the way back
            while (smallestFragmented != Integer.MAX_VALUE && smallestFragmented - largestWhole > MTU_STEP) {
                int mid = (largestWhole + smallestFragmented) / 2;
                if (!pingTwice(mid, wait)) {
                    break;
                }
            }
            int overhead = tunnel.overhead(lo) + (tunnel.attachment().epdg().getAddress() instanceof Inet4Address ? 20 : 40);
            int unfragmented = 1500 - overhead;
            String what = "inner IPv4 packets up to " + lo + " bytes came back from " + text(echoed)
                    + (lo == MTU_HIGH ? "" : " (" + (lo + MTU_STEP) + " and more did not)")
                    + "; ESP in UDP adds " + overhead + " bytes here, so on a 1500-byte path inner packets above "
                    + unfragmented + " bytes travel as IP fragments";
            String inner = smallestFragmented == Integer.MAX_VALUE ? "" : "; the ePDG sent answers of " + smallestFragmented
                    + " bytes and more as inner fragments, " + largestWhole + " bytes whole (its own tunnel MTU lies between), "
                    + "which a phone reassembles";
            what += inner;
            if (lo >= MTU_HIGH) {
                steps.add(new Step(Check.MTU, Status.PASSED, what + "; every size up to " + MTU_HIGH + " bytes got through",
                        since(t0)));
            } else if (lo >= unfragmented - MTU_STEP) {
                steps.add(new Step(Check.MTU, Status.WARNING, what + ": the path drops IP fragments, so the phone's tunnel MTU "
                        + "must be " + lo + " or less (IMS signalling over TCP stays below it; large SIP over UDP would be lost)",
                        since(t0)));
            } else {
                steps.add(new Step(Check.MTU, Status.WARNING, what + "; only " + lo + " bytes get through: something on the path "
                        + "has a smaller MTU or drops large UDP; set the phone's tunnel MTU to " + lo + " or less", since(t0)));
            }
        }

        private boolean pingTwice(int size, Duration wait) throws IOException {
            boolean back = ping(echoed, size, deadline(wait)) || ping(echoed, size, deadline(wait));
            if (back && fragmented) {
                smallestFragmented = Math.min(smallestFragmented, size);
            } else if (back) {
                largestWhole = Math.max(largestWhole, size);
            }
            return back;
        }

        private int smallestFragmented = Integer.MAX_VALUE;
        private int largestWhole;

        // --- mapping lifetime ---

        private void lifetime(UserPlaneSettings.Lifetime l) {
            long t0 = System.nanoTime();
            InetAddress from = source(l.reflector().getAddress());
            if (from == null) {
                steps.add(new Step(Check.MAPPING_LIFETIME, Status.SKIPPED, "the reflector " + hostPort(l.reflector())
                        + " is of another address family than the inner addresses", since(t0)));
                return;
            }
            ReflectorKey key = ReflectorKey.of(l.key());
            InetSocketAddress local = new InetSocketAddress(from, ephemeralPort());
            Duration grace = Duration.ofMillis(Math.min(2000, Math.max(300, settings.answerTimeout().toMillis())));
            MappingLifetime.Probe probe = idle -> ask(local, l.reflector(), key, idle, grace);
            tunnel.keepAlives(Duration.ZERO);
            MappingLifetime.Result r;
            try {
                r = MappingLifetime.measure(MappingLifetime.Settings.of(l.lower(), l.upper(), l.step(), l.budget())
                        .withGrace(grace), probe);
            } catch (IOException e) {
                tunnel.keepAlives(settings.keepAlive());
                steps.add(new Step(Check.MAPPING_LIFETIME, Status.FAILED, "the mapping-lifetime measurement through "
                        + tunnel.where() + " failed: " + e.getMessage(), since(t0)));
                return;
            }
            Optional<Boolean> held = Optional.empty();
            Duration checkIdle = null;
            if (l.keepAliveCheck().isPresent() && r.shortestLost().isPresent()) {
                // long enough to matter to a phone (20 s) and well past the loss, within the bounds and the budget
                Duration twice = r.shortestLost().get().multipliedBy(2);
                checkIdle = min(l.upper(), twice.compareTo(ANDROID_KEEPALIVE) > 0 ? twice : ANDROID_KEEPALIVE);
                if (since(t0).plus(checkIdle).plus(grace).compareTo(l.budget()) <= 0) {
                    tunnel.keepAlives(l.keepAliveCheck().get());
                    try {
                        held = Optional.of(probe.probe(checkIdle) == MappingLifetime.Outcome.SURVIVED);
                    } catch (IOException e) {
                        note("the keep-alive check failed: " + e.getMessage());
                    }
                } else {
                    note("the keep-alive check (" + seconds(checkIdle) + " idle) did not fit in the budget of "
                            + seconds(l.budget()));
                }
            }
            tunnel.keepAlives(settings.keepAlive());
            lifetime = new LifetimeFinding(r.longestSurvived(), r.shortestLost(), r.probeCount(), r.cutShort(),
                    l.keepAliveCheck(), held);
            steps.add(LifetimeJudgement.step(r, l, tunnel.where(), checkIdle, held, since(t0)));
        }

        private static Duration min(Duration a, Duration b) {
            return a.compareTo(b) <= 0 ? a : b;
        }

        private MappingLifetime.Outcome ask(InetSocketAddress local, InetSocketAddress reflector, ReflectorKey key,
                                            Duration idle, Duration grace) throws IOException {
            ReflectorMessage.Request request = ReflectorMessage.Request.create(idle, ReflectorMessage.REQUEST_MIN_LENGTH, random);
            tunnel.send(InnerUdp.packet(local, reflector, ReflectorMessage.encode(request, key)).encode());
            long sent = System.nanoTime();
            long deadline = sent + idle.toNanos() + grace.toNanos();
            while (true) {
                Optional<InnerPacket> reply = await(udpFrom(reflector, local.getPort()), deadline);
                if (reply.isEmpty()) {
                    note("no answer from the reflector " + hostPort(reflector) + " after " + ms(idle.toNanos()) + " idle");
                    return MappingLifetime.Outcome.LOST;
                }
                try {
                    ReflectorMessage.Answer a = ReflectorMessage.decodeAnswer(InnerUdp.parse(reply.get()).payload(), key);
                    if (a.nonce().equals(request.nonce())) {
                        note("the reflector " + hostPort(reflector) + " answered after " + ms(System.nanoTime() - sent)
                                + " (asked for " + ms(idle.toNanos()) + " idle)");
                        return MappingLifetime.Outcome.SURVIVED;
                    }
                } catch (MalformedReflectorException | MalformedInnerPacketException e) {
                    note("ignored an answer from " + hostPort(reflector) + ": " + e.getMessage());
                }
            }
        }

        // --- IKE beside ESP ---

        private void ikeBeside() throws IOException {
            long t0 = System.nanoTime();
            boolean answered = tunnel.ikeAnswers(deadline(settings.answerTimeout()));
            // the tunnel's notes carry their own times
            tunnel.notes().forEach(n -> {
                if (transcript.size() < 200) {
                    transcript.add(n);
                }
            });
            steps.add(new Step(Check.IKE_ON_4500, answered ? Status.PASSED : Status.FAILED, answered
                    ? "an INFORMATIONAL request (liveness check) on " + tunnel.where() + " was answered: IKE gets through on UDP/4500"
                    : "the ePDG at " + tunnel.where() + " did not answer an INFORMATIONAL request on UDP/4500 within "
                    + seconds(settings.answerTimeout()) + ": the path closed, or the ePDG dropped the SA", since(t0)));
        }

        // --- the verdict ---

        private UserPlaneResult result() {
            EspTunnel.Counters c = tunnel.counters();
            boolean espBack = c.espReceived() > 0;
            boolean ike = step(Check.IKE_ON_4500).map(s -> s.status() == Status.PASSED).orElse(false);
            // the echo is one way to prove ESP comes back; an answered DNS or SIP request is another
            Step echo = step(Check.ESP_ECHO).orElse(null);
            if (echo != null && echo.status() == Status.FAILED && espBack) {
                steps.set(steps.indexOf(echo), new Step(Check.ESP_ECHO, Status.WARNING, echo.sentence()
                        + ", but other requests were answered through the tunnel (" + c.espReceived() + " ESP packets back): "
                        + "ICMP is filtered behind the ePDG, which calls do not need", echo.elapsed()));
            }
            List<Step> failed = steps.stream().filter(s -> s.status() == Status.FAILED).toList();
            String sentence;
            boolean passed;
            if (!espBack) {
                passed = false;
                sentence = ike
                        ? "IKE on UDP/4500 to " + tunnel.where() + " gets through, but none of the " + c.espSent() + " ESP packets "
                        + "sent there came back (echo, DNS, SIP): a firewall on the path passes IKE (UDP/4500 with the non-ESP "
                        + "marker) but drops ESP in UDP; allow ESP in UDP on port 4500 (PAN-OS: application ipsec-esp-udp beside "
                        + "ike; Junos: application junos-ike-nat / ike-esp-nat; FortiOS and others: UDP/4500 without an IPsec "
                        + "ALG or DPI profile), or the ePDG forwards nothing from its IMS network"
                        : "after the attach neither ESP nor IKE on UDP/4500 to " + tunnel.where() + " got any answer ("
                        + c.espSent() + " ESP packets sent): the path to the ePDG closed, or the ePDG dropped the tunnel";
            } else {
                passed = failed.isEmpty();
                String lifetimeText = lifetime == null ? "" : "; " + step(Check.MAPPING_LIFETIME).map(Step::sentence).orElse("");
                sentence = passed
                        ? "the user plane through " + tunnel.where() + " works: " + summary() + lifetimeText
                        : "the user plane through " + tunnel.where() + " is broken: " + Sentences.capped(
                        failed.stream().map(s -> s.check().label() + ": " + s.sentence()).toList());
            }
            List<String> innerText = attach.innerAddresses().stream().map(AddressText::of).toList();
            return new UserPlaneResult(fqdn, tunnel.where(), innerText, attach.keys().suite().describe(), passed, sentence,
                    steps, Optional.ofNullable(lifetime), Optional.ofNullable(largest), c.espSent(), c.espReceived(),
                    c.keepAlivesSent(), transcript, since(start));
        }

        private String summary() {
            List<String> ok = steps.stream().filter(s -> s.status() == Status.PASSED || s.status() == Status.WARNING)
                    .filter(s -> s.check() != Check.MAPPING_LIFETIME)
                    .map(s -> s.check().label() + (s.status() == Status.WARNING ? " (with a warning)" : ""))
                    .toList();
            return String.join(", ", ok);
        }

        private Optional<Step> step(Check check) {
            return steps.stream().filter(s -> s.check() == check).findFirst();
        }

        // --- plumbing ---

        /** The next inner packet that {@code match} accepts, before the deadline; others are counted. */
        private Optional<InnerPacket> await(Predicate<InnerPacket> match, long deadline) throws IOException {
            fragmented = false;
            while (true) {
                Optional<byte[]> got = tunnel.receive(deadline);
                if (got.isEmpty()) {
                    return Optional.empty();
                }
                try {
                    Optional<InnerPacket> whole = fragments.add(InnerPacket.parse(got.get()));
                    if (whole.isEmpty()) {
                        fragmented = true;
                        continue;
                    }
                    InnerPacket p = whole.get();
                    if (match.test(p)) {
                        return Optional.of(p);
                    }
                    if (++others <= 8) {
                        note("ignored an inner packet that answers nothing asked: " + p);
                    }
                } catch (MalformedInnerPacketException e) {
                    note("ignored a malformed inner packet: " + e.getMessage());
                }
            }
        }

        private Predicate<InnerPacket> udpFrom(InetSocketAddress remote, int localPort) {
            return p -> {
                if (p.protocol() != InnerPacket.UDP || !p.source().equals(remote.getAddress()) || p.isFragment()) {
                    return false;
                }
                try {
                    InnerUdp u = InnerUdp.parse(p);
                    return u.sourcePort() == remote.getPort() && u.destinationPort() == localPort;
                } catch (MalformedInnerPacketException e) {
                    return false;
                }
            };
        }

        /** Our inner address of the family of {@code target}, or null when the ePDG assigned none. */
        private InetAddress source(InetAddress target) {
            return target instanceof Inet4Address ? inner4 : inner6;
        }

        private int ephemeralPort() {
            return 49152 + random.nextInt(16384);
        }

        private void note(String line) {
            if (transcript.size() < 200) {
                transcript.add(String.format("%6d ms  %s", (System.nanoTime() - start) / 1_000_000, line));
            }
        }
    }

    /** "200 OK (kamailio 5.6.3)". */
    private static String describe(SipResponse r) {
        return r.status() + " " + r.reason() + r.server().map(s -> " (" + s + ")").orElse("");
    }

    private static long deadline(Duration wait) {
        return System.nanoTime() + wait.toNanos();
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private static String text(InetAddress a) {
        return AddressText.of(a);
    }

    static String hostPort(InetSocketAddress a) {
        String h = AddressText.of(a.getAddress());
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    private static String ms(long nanos) {
        return nanos / 1_000_000 + " ms";
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
