package dev.wificall.benchmarks;

import dev.wificall.attach.AttachOptions;
import dev.wificall.attach.AttachProbe;
import dev.wificall.attach.AttachSettings;
import dev.wificall.attach.Attachment;
import dev.wificall.discovery.Plmn;
import dev.wificall.esp.EspTunnel;
import dev.wificall.esp.InnerIcmp;
import dev.wificall.esp.InnerPacket;
import dev.wificall.userplane.UserPlaneProbe;
import dev.wificall.userplane.UserPlaneResult;
import dev.wificall.userplane.UserPlaneSettings;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The user plane against strongSwan for scripts/bench-userplane.sh: per round a full attach, then the
 * user-plane check (echo, inner DNS, SIP over UDP and TCP, MTU; no lifetime), timed from the end of the
 * attach to the verdict; then, on a fresh attach, inner ICMP echoes one after the other for a fixed
 * number of round trips, as {@code ping -f} does through strongSwan's own tunnel. Credentials from
 * WIFICALL_IMSI, WIFICALL_K, WIFICALL_OPC.
 *
 * <p>Usage: {@code UserPlaneRounds ADDRESS MCC-MNC TRUST_STORE ECHO_TARGET [ROUNDS [ECHOES]]}.
 */
public final class UserPlaneRounds {

    private UserPlaneRounds() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length > 6) {
            System.err.println("usage: UserPlaneRounds ADDRESS MCC-MNC TRUST_STORE ECHO_TARGET [ROUNDS [ECHOES]]");
            System.exit(2);
        }
        Plmn plmn = Plmn.parse(args[1]);
        AttachSettings settings = new AttachOptions("attach", args[2], null, null, null, null, null, null, null)
                .toSettings(Path.of("."), System.getenv()).orElseThrow();
        AttachProbe probe = new AttachProbe(settings);
        InetAddress address = InetAddress.getByName(args[0]);
        InetAddress target = InetAddress.getByName(args[3]);
        int rounds = args.length >= 5 ? Integer.parseInt(args[4]) : 1;
        int echoes = args.length == 6 ? Integer.parseInt(args[5]) : 2000;
        UserPlaneProbe userPlane = new UserPlaneProbe(UserPlaneSettings.DEFAULTS);
        for (int round = 1; round <= rounds; round++) {
            try (Attachment a = probe.open(plmn.epdgFqdn(), plmn, address)) {
                Attachment.Tunnel t = a.tunnel().orElseThrow(() -> new IllegalStateException(a.noTunnel().orElse("")));
                UserPlaneResult r = userPlane.run(t, plmn.epdgFqdn(), plmn);
                System.out.printf("round=%d verdict_ms=%d passed=%s esp_sent=%d esp_received=%d%n", round,
                        r.afterAttach().toMillis(), r.passed(), r.espSent(), r.espReceived());
                // where the time of a round went, check by check
                r.steps().forEach(step -> System.out.printf("  %s %s %d ms%n", step.check().label(), step.status(),
                        step.elapsed().toMillis()));
            }
        }
        try (Attachment a = probe.open(plmn.epdgFqdn(), plmn, address)) {
            Attachment.Tunnel t = a.tunnel().orElseThrow();
            EspTunnel tunnel = new EspTunnel(t, new SecureRandom());
            InetAddress from = t.innerAddresses().stream().filter(x -> x.getClass() == target.getClass()).findFirst().orElseThrow();
            int answered = 0;
            long start = System.nanoTime();
            for (int i = 0; i < echoes; i++) {
                InnerPacket request = InnerIcmp.echoRequest(0x4242, i & 0xFFFF, new byte[56]).packet(from, target);
                tunnel.send(request.encode());
                long deadline = System.nanoTime() + 1_000_000_000L;
                while (true) {
                    Optional<byte[]> got = tunnel.receive(deadline);
                    if (got.isEmpty()) {
                        break;
                    }
                    InnerPacket p = InnerPacket.parse(got.get());
                    if (p.protocol() == request.protocol() && InnerIcmp.parse(p) instanceof InnerIcmp.Echo e && e.reply()
                            && e.sequence() == (i & 0xFFFF)) {
                        answered++;
                        break;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("echoes=%d answered=%d seconds=%.3f round_trips_per_s=%.0f suite=%s%n", echoes, answered, seconds,
                    answered / seconds, t.keys().suite().describe());
        }
    }
}
