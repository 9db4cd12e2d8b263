package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.attach.AttachProbe;
import dev.wificall.attach.AttachSettings;
import dev.wificall.attach.Attachment;
import dev.wificall.attach.TrustAnchors;
import dev.wificall.discovery.Plmn;
import dev.wificall.eap.SoftUsim;
import dev.wificall.eap.UsimCredentials;
import dev.wificall.testkit.Reflector;
import dev.wificall.userplane.ReflectorKey;
import dev.wificall.userplane.UserPlaneProbe;
import dev.wificall.userplane.UserPlaneResult;
import dev.wificall.userplane.UserPlaneResult.Check;
import dev.wificall.userplane.UserPlaneResult.Status;
import dev.wificall.userplane.UserPlaneSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The user plane through strongSwan's tunnel (charon with kernel-libipsec in wificall-ims): ESP both
 * ways, the inner DNS (dnsmasq), SIP OPTIONS over UDP and TCP (kamailio) in the IMS core namespace
 * behind the ePDG, each judged from the far side's own log or counters; a DPI firewall that passes
 * IKE but drops ESP in UDP; and conntrack timeouts set short, measured through the tunnel with
 * wificall's reflector behind the ePDG.
 */
@ExtendWith(AttachLab.class)
class UserPlaneIT {
    private static final String FQDN = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";
    private static final Plmn PLMN = new Plmn("262", "01");
    private static final Path LAB_DIR = Path.of("/run/wificall-ims");

    private static AttachSettings sim() {
        UsimCredentials c = UsimCredentials.parse(AttachLab.IMSI, AttachLab.K, AttachLab.OPC, null);
        return AttachSettings.DEFAULTS.withTrust(TrustAnchors.load(AttachLab.TRUST)).withDeadline(Duration.ofSeconds(8),
                Duration.ofSeconds(3)).withCredentials(SoftUsim.builder(c).sqnCheck(SoftUsim.SqnCheck.ACCEPT_ANY).build());
    }

    private static UserPlaneResult run(UserPlaneSettings settings) throws Exception {
        try (Attachment a = new AttachProbe(sim()).open(FQDN, PLMN, InetAddress.getByName(AttachLab.GOOD))) {
            assertThat(a.tunnel()).as(a.result().sentence() + "\n" + String.join("\n", a.result().transcript())).isPresent();
            return new UserPlaneProbe(settings).run(a.tunnel().get(), FQDN, PLMN);
        }
    }

    private static String shown(UserPlaneResult r) {
        StringBuilder b = new StringBuilder(r.sentence());
        r.steps().forEach(s -> b.append("\n  ").append(s.check()).append(' ').append(s.status()).append(": ").append(s.sentence()));
        r.transcript().forEach(t -> b.append("\n").append(t));
        return b.toString();
    }

    private static long counter(String counters, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s+(\\d+)\\s+\\d+").matcher(counters);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String read(String file) {
        Path p = LAB_DIR.resolve(file);
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (java.io.IOException e) {
            return "(cannot read " + p + ": " + e.getMessage() + ")";
        }
    }

    @Test
    void echoDnsAndSipGetThroughTheTunnelAndTheFarSideSawThem(AttachLab.Handle lab) throws Exception {
        String before = lab.lab().output("core-counters");
        UserPlaneResult r = run(UserPlaneSettings.DEFAULTS.withDnsNames(List.of("ims.mnc001.mcc262.3gppnetwork.org",
                "pcscf.ims.mnc001.mcc262.3gppnetwork.org")));
        assertThat(r.passed()).as(shown(r)).isTrue();
        assertThat(r.sentence()).as(shown(r)).startsWith("the user plane through 10.77.9.2:4500 works");
        assertThat(r.step(Check.ESP_ECHO).orElseThrow().status()).as(shown(r)).isEqualTo(Status.PASSED);
        assertThat(r.step(Check.ESP_ECHO).orElseThrow().sentence()).contains("from 10.45.0.").contains("to 10.46.0.53")
                .contains("ESP in UDP passes both ways");
        assertThat(r.step(Check.INNER_DNS).orElseThrow().status()).as(shown(r)).isEqualTo(Status.PASSED);
        assertThat(r.step(Check.INNER_DNS).orElseThrow().sentence()).contains("ims.mnc001.mcc262.3gppnetwork.org → 10.46.0.10")
                .contains("fd46::10").contains("pcscf.ims.mnc001.mcc262.3gppnetwork.org");
        assertThat(r.step(Check.SIP_UDP).orElseThrow().status()).as(shown(r)).isEqualTo(Status.PASSED);
        assertThat(r.step(Check.SIP_UDP).orElseThrow().sentence()).contains("10.46.0.10:5060").contains("200");
        assertThat(r.step(Check.SIP_TCP).orElseThrow().status()).as(shown(r)).isEqualTo(Status.PASSED);
        assertThat(r.step(Check.SIP_TCP).orElseThrow().sentence()).contains("10.46.0.10:5060").contains("200");
        assertThat(r.step(Check.IKE_ON_4500).orElseThrow().status()).isEqualTo(Status.PASSED);
        assertThat(r.step(Check.MTU).orElseThrow().status()).as(shown(r)).isIn(Status.PASSED, Status.WARNING);
        assertThat(r.largestInner()).as(shown(r)).hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(1400));
        assertThat(r.espReceived()).isPositive();
        // the far side's own view: kamailio's log, dnsmasq's log, the core's counters
        String sip = read("kamailio.log");
        assertThat(sip).as("kamailio log").containsPattern("SIP-REQUEST .*method=OPTIONS transport=udp src=10\\.45\\.0\\.\\d+:\\d+ .*reply=200")
                .containsPattern("SIP-REQUEST .*method=OPTIONS transport=tcp src=10\\.45\\.0\\.\\d+:\\d+ .*reply=200");
        assertThat(read("core-dns.log")).as("inner dnsmasq log")
                .containsPattern("query\\[A\\] ims\\.mnc001\\.mcc262\\.3gppnetwork\\.org from 10\\.45\\.0\\.");
        String after = lab.lab().output("core-counters");
        for (String c : List.of("pool4_icmp_echo", "pool_dns_udp", "pool_sip_udp", "pool_sip_tcp")) {
            assertThat(counter(after, c)).as(c + "\n" + before + "\n" + after).isGreaterThan(counter(before, c));
        }
    }

    @Test
    void aDpiFirewallThatPassesIkeButDropsEspInUdpFailsTheUserPlaneWithItsName(AttachLab.Handle lab) throws Exception {
        lab.lab().command("dpi", "on");
        try {
            UserPlaneResult r = run(UserPlaneSettings.DEFAULTS.withAnswerTimeout(Duration.ofSeconds(1)));
            assertThat(r.passed()).as(shown(r)).isFalse();
            assertThat(r.espReceived()).isZero();
            assertThat(r.step(Check.IKE_ON_4500).orElseThrow().status()).as(shown(r)).isEqualTo(Status.PASSED);
            assertThat(r.sentence()).as(shown(r)).contains("IKE on UDP/4500 to 10.77.9.2:4500 gets through")
                    .contains("none of the").contains("drops ESP in UDP").contains("ipsec-esp-udp");
            String counters = lab.lab().output("mb-counters");
            assertThat(counter(counters, "dpi_drop")).as(counters).isPositive();
            assertThat(counter(counters, "dpi_pass_ike")).as(counters).isPositive();
        } finally {
            lab.lab().command("dpi", "off");
        }
    }

    @Test
    void shortConntrackTimeoutsAreMeasuredThroughTheTunnelAndKeepAlivesBeatThem(AttachLab.Handle lab) throws Exception {
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        Path keyFile = Files.createTempFile("wificall-reflector-", ".key");
        Files.writeString(keyFile, HexFormat.of().formatHex(raw));
        String classpath = codeSource(Reflector.class) + ":" + codeSource(ReflectorKey.class) + ":" + System.getProperty("java.class.path");
        lab.lab().command("core-run", "reflector", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                Reflector.class.getName(), "--listen", "10.46.0.20:7777", "--key-file", keyFile.toString());
        lab.lab().command("ct-timeouts", "4", "6");
        try {
            waitFor(() -> read("core-reflector.log").contains("reflector on 10.46.0.20:7777"), Duration.ofSeconds(20));
            UserPlaneSettings.Lifetime lifetime = new UserPlaneSettings.Lifetime(new InetSocketAddress("10.46.0.20", 7777), raw,
                    Duration.ofSeconds(2), Duration.ofSeconds(12), Duration.ofSeconds(1), Duration.ofSeconds(150),
                    Optional.of(Duration.ofSeconds(2)));
            UserPlaneSettings settings = new UserPlaneSettings(Duration.ofSeconds(1), Duration.ofSeconds(20), Optional.empty(),
                    List.of(), 5060, false, false, Optional.of(lifetime));
            UserPlaneResult r = run(settings);
            UserPlaneResult.LifetimeFinding f = r.lifetime().orElseThrow(() -> new AssertionError(shown(r)));
            // each request re-creates the expired flow, and the ePDG's answer is the flow's first reply: conntrack
            // times it out with the unreplied value (4 s): an answer after 3 s arrives, after 5 s it is dropped, and
            // one after exactly 4 s comes a few milliseconds late for the flow (the search probes whole seconds)
            assertThat(f.survived()).as(shown(r)).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(3),
                    Duration.ofSeconds(4)));
            assertThat(f.lost()).as(shown(r)).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(4),
                    Duration.ofSeconds(5)));
            assertThat(f.lost().get().minus(f.survived().get())).as(shown(r)).isEqualTo(Duration.ofSeconds(1));
            assertThat(f.keepAliveHeld()).as(shown(r)).contains(true);
            assertThat(r.passed()).as(shown(r)).isFalse();
            assertThat(r.step(Check.MAPPING_LIFETIME).orElseThrow().sentence()).as(shown(r))
                    .contains("the network forgets the UDP/4500 path from here to 10.77.9.2:4500 after between")
                    .contains("Android phones send NAT-keepalives only every 20 s").contains("with NAT-keepalives every 2 s the packet after 12 s arrived");
            String counters = lab.lab().output("mb-counters");
            assertThat(counters).as(counters).containsPattern("(?m)^ct\\S*drop\\S*\\s+[1-9]");
        } finally {
            lab.lab().command("ct-timeouts", "off");
            lab.lab().command("core-stop", "reflector");
            Files.deleteIfExists(keyFile);
        }
    }

    private static String codeSource(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + read("core-reflector.log"));
            }
            Thread.sleep(100);
        }
    }
}
