package dev.wificall.report;

import dev.wificall.discovery.Candidate;
import dev.wificall.discovery.EpdgSelection;
import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.DnsStatus;
import dev.wificall.dns.EpdgLookup.Attempt;
import dev.wificall.dns.EpdgLookup.Resolution;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.IkeProbe;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import dev.wificall.probe.ProbeSettings;
import dev.wificall.verdict.OperatorVerdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Verdicts for the report tests. The probe results with exchange facts and transcripts come from
 * real probes on loopback: a responder that answers with a captured strongSwan IKE_SA_INIT response,
 * a socket that never answers, and a closed port. They run once per test class that asks for them.
 */
final class Verdicts {

    // short, but with room for a loaded CI machine: the silent probe must still retransmit before its deadline
    static final Duration WAIT = Duration.ofMillis(80);
    static final Duration DEADLINE = Duration.ofMillis(400);

    final PortResult answered500;
    final PortResult answered4500;
    final PortResult silent;
    final PortResult refused;

    private Verdicts(PortResult answered500, PortResult answered4500, PortResult silent, PortResult refused) {
        this.answered500 = answered500;
        this.answered4500 = answered4500;
        this.silent = silent;
        this.refused = refused;
    }

    /** Probes loopback four times; about a second, most of it the silent probe's deadline. */
    static Verdicts probed() throws Exception {
        IkeProbe probe = new IkeProbe(new ProbeSettings(WAIT, DEADLINE).withBroadRecheck(false));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        PortResult answered500;
        PortResult answered4500;
        try (Responder r500 = new Responder("strongswan-5.9.8-libipsec-ike_sa_init-500.bin", 0);
             Responder r4500 = new Responder("strongswan-5.9.8-libipsec-ike_sa_init-4500.bin", 4)) {
            answered500 = probe.probe(r500.address(), IkePort.UDP_500);
            answered4500 = probe.probe(r4500.address(), IkePort.UDP_4500);
        }
        PortResult silent;
        try (DatagramSocket quiet = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            silent = probe.probe(new InetSocketAddress(loopback, quiet.getLocalPort()), IkePort.UDP_4500);
        }
        int closed;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            closed = s.getLocalPort();
        }
        PortResult refused = probe.probe(new InetSocketAddress(loopback, closed), IkePort.UDP_4500);
        return new Verdicts(answered500, answered4500, silent, refused);
    }

    /** 262-01 on 10.77.0.2 and fd77::2, both ports answered by the captured responder. */
    OperatorVerdict ready() throws Exception {
        Plmn plmn = Plmn.parse("262-01");
        InetAddress v4 = InetAddress.getByName("10.77.0.2");
        InetAddress v6 = InetAddress.getByName("fd77::2");
        DnsOutcome dns = new DnsOutcome(plmn.epdgFqdn(), "127.0.0.77:15353", DnsStatus.ADDRESSES, List.of(v4, v6),
                List.of(), "A: 10.77.0.2; AAAA: fd77::2", Duration.ofMillis(3));
        return new OperatorVerdict(plmn, plmn.epdgFqdn(), dns,
                List.of(at(answered500, v4), at(answered4500, v4), at(answered500, v6), at(answered4500, v6)),
                true, "Wi-Fi Calling to 262-01 can reach its ePDG.", Duration.ofMillis(40),
                resolution(plmn, dns));
    }

    /** 262-02 on 10.77.0.3: UDP/500 answered, UDP/4500 silent on the first address and refused on fd77::3. */
    OperatorVerdict blocked() throws Exception {
        Plmn plmn = Plmn.parse("262-02");
        InetAddress v4 = InetAddress.getByName("10.77.0.3");
        InetAddress v6 = InetAddress.getByName("fd77::3");
        DnsOutcome dns = new DnsOutcome(plmn.epdgFqdn(), "127.0.0.77:15353", DnsStatus.ADDRESSES, List.of(v4, v6),
                List.of("epdg.example.net"), "A: 10.77.0.3; AAAA: fd77::3", Duration.ofMillis(2));
        return new OperatorVerdict(plmn, plmn.epdgFqdn(), dns,
                List.of(at(answered500, v4), at(silent, v4), at(answered500, v6), at(refused, v6)),
                false, "Wi-Fi Calling to 262-02 will fail: UDP/4500 to its ePDG got no answer.", Duration.ofMillis(400),
                null);
    }

    /** 262-99: the name does not exist; no probe. */
    static OperatorVerdict nxdomain() {
        Plmn plmn = Plmn.parse("262-99");
        DnsOutcome dns = new DnsOutcome(plmn.epdgFqdn(), "127.0.0.77:15353", DnsStatus.NXDOMAIN, List.of(), List.of(),
                "A: NXDOMAIN; AAAA: NXDOMAIN", Duration.ofMillis(1));
        Attempt only = attempt(plmn, dns);
        return new OperatorVerdict(plmn, plmn.epdgFqdn(), dns, List.of(), false,
                "Wi-Fi Calling to 262-99 will fail: resolver 127.0.0.77:15353 answered NXDOMAIN.", Duration.ofMillis(1),
                new Resolution(SelectionInput.of(plmn), List.of(only), only, Optional.of("the 2-digit-MNC name does resolve")));
    }

    /** Text a resolver or peer could send, in every string the reports show. */
    static OperatorVerdict hostile() throws Exception {
        Plmn plmn = Plmn.parse("262-03");
        String evil = "<script>alert('x')</script> & \"quoted\" <img src=\"https://evil.example/x.png\"> \u0001\u0000 \ud800";
        InetAddress a = InetAddress.getByName("10.77.0.4");
        DnsOutcome dns = new DnsOutcome(plmn.epdgFqdn(), "resolver " + evil, DnsStatus.ADDRESSES, List.of(a),
                List.of(evil), "A: " + evil, Duration.ofMillis(2));
        return new OperatorVerdict(plmn, plmn.epdgFqdn(), dns, List.of(
                new PortResult(a, IkePort.UDP_500, PortOutcome.MALFORMED, 2, Duration.ofMillis(5), "peer said " + evil, 17)),
                false, "Wi-Fi Calling to 262-03 will fail: " + evil, Duration.ofMillis(9));
    }

    /** The same probe as if it had gone to {@code address}; the transcript stays the loopback one. */
    static PortResult at(PortResult p, InetAddress address) {
        return new PortResult(address, p.port(), p.outcome(), p.requests(), p.elapsed(), p.detail(), p.responseBytes(),
                p.answeredOffer(), p.broadRequests(), p.request(), p.response(), p.cookieRounds(), p.groupRetries(),
                p.source(), p.transcript());
    }

    private static Resolution resolution(Plmn plmn, DnsOutcome dns) {
        Attempt used = attempt(plmn, dns);
        return new Resolution(SelectionInput.of(plmn), List.of(used), used, Optional.empty());
    }

    private static Attempt attempt(Plmn plmn, DnsOutcome dns) {
        Candidate candidate = EpdgSelection.candidates(SelectionInput.of(plmn)).get(0);
        return new Attempt(candidate, candidate.name().fqdn(), candidate.why(), List.of(dns), null);
    }

    /**
     * Answers every request with a captured IKE_SA_INIT response whose SPIi is the request's, so the
     * probe takes it as authentic. {@code offset} is where the IKE header starts (4 after a non-ESP marker).
     */
    private static final class Responder implements AutoCloseable {
        private final DatagramSocket socket;
        private final Thread thread;

        Responder(String capture, int offset) throws IOException {
            byte[] response = capture(capture);
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(() -> serve(response, offset), "report-test responder");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        private void serve(byte[] response, int offset) {
            byte[] buffer = new byte[4096];
            try {
                while (true) {
                    DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                    socket.receive(in);
                    byte[] out = response.clone();
                    System.arraycopy(in.getData(), offset, out, offset, 8);
                    socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
                }
            } catch (SocketException closed) {
                // close() ends the loop
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static byte[] capture(String name) throws IOException {
            try (InputStream in = Verdicts.class.getResourceAsStream("/captures/" + name)) {
                if (in == null) {
                    throw new IOException("test resource /captures/" + name + " is missing");
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
}
