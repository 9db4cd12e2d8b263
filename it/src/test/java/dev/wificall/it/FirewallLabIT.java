package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.wificall.discovery.Plmn;
import dev.wificall.dns.DnsServer;
import dev.wificall.firewall.DriftCheck;
import dev.wificall.firewall.DriftPolicy;
import dev.wificall.firewall.DriftReport;
import dev.wificall.firewall.EpdgAddresses;
import dev.wificall.firewall.Finding;
import dev.wificall.firewall.FirewallFormat;
import dev.wificall.firewall.ParsedRules;
import dev.wificall.firewall.RuleOptions;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import dev.wificall.probe.ProbeEngine;
import dev.wificall.probe.ProbeSettings;
import dev.wificall.probe.ProbeTarget;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.OperatorVerdict;
import dev.wificall.verdict.ReadinessCheck;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rendered rules loaded into a real router: the lab's NAT router, the namespace wificall-nat, forwards
 * every packet from the root namespace (10.78.0.1) to 262-08's ePDG 10.79.0.2 and 262-09's 10.79.0.3
 * (and masquerades or SNATs it on the way out, after the forward hook). The rules for 262-08 alone, from
 * a real check against the lab's resolver, with default drop, go into that namespace; then the real
 * engine must get through to 262-08 on UDP/500 and UDP/4500 while 262-09, another UDP port and TCP to
 * 262-08's address get nothing back, and all of it must pass again once the rules are gone (so the
 * default drop was what blocked). Everything runs in wificall-nat ({@code ip netns exec}); the rules are
 * removed in a finally, also when the test fails; the root namespace's firewall is never touched.
 */
@ExtendWith(LabExtension.class)
class FirewallLabIT {

    private static final String ROUTER = "wificall-nat";
    private static final String TABLE = "wificall_labit";
    private static final String CHAIN = "WIFICALL-LABIT";
    private static final String EPDG_08 = "10.79.0.2";
    private static final String EPDG_09 = "10.79.0.3";
    /** The phones' side of the router; its forward hook sees this source, before the masquerade. */
    private static final String PHONES = "10.78.0.0/24";
    /** Not IKE: SIP's port, on the address the rules open for IKE only. */
    private static final int OTHER_UDP_PORT = 5060;
    private static final int TCP_PORT = 443;

    private static final ReadinessCheck CHECK = new ReadinessCheck(
            CheckSettings.DEFAULTS.withDnsServer(DnsServer.parse(Lab.DNS)));

    @Test
    void nftablesDefaultDropLetsOnlyTheRenderedEpdgThroughTheRouter(Lab lab, @TempDir Path dir) throws Exception {
        assertEverythingPasses("before the rules are loaded");
        RuleOptions options = RuleOptions.DEFAULTS.withNftTable(TABLE).withSources(List.of(PHONES))
                .withDefaultDrop(true);
        String rules = FirewallFormat.NFTABLES.render(List.of(discovered26208()), options);
        assertThat(rules).contains("policy drop;").contains("10.79.0.2,").doesNotContain(EPDG_09);
        Path file = write(dir, "wificall.nft", rules);
        succeeds(rules, "nft", "-c", "-f", file.toString());
        try (Undo undo = new Undo(List.of("nft", "delete", "table", "inet", TABLE))) {
            succeeds(rules, "nft", "-f", file.toString());
            assertThat(inRouter("nft", "list", "table", "inet", TABLE).output())
                    .contains("type filter hook forward priority filter; policy drop;");
            assertOnly26208GetsThrough(rules);
        }
        assertThat(inRouter("nft", "list", "tables").output()).doesNotContain(TABLE);
        assertEverythingPasses("after table inet " + TABLE + " was deleted again");
    }

    /** The same table without default drop blocks nothing: the policy, not the rules, is what drops. */
    @Test
    void nftablesWithoutDefaultDropBlocksNothing(Lab lab, @TempDir Path dir) throws Exception {
        String rules = FirewallFormat.NFTABLES.render(List.of(discovered26208()),
                RuleOptions.DEFAULTS.withNftTable(TABLE).withSources(List.of(PHONES)));
        assertThat(rules).contains("policy accept;").doesNotContain("policy drop");
        Path file = write(dir, "wificall.nft", rules);
        try (Undo undo = new Undo(List.of("nft", "delete", "table", "inet", TABLE))) {
            succeeds(rules, "nft", "-f", file.toString());
            assertEverythingPasses("with the allow-rules alone loaded");
        }
    }

    /** The iptables-save file, restored with --noflush into the router, does the same. */
    @Test
    void iptablesDefaultDropLetsOnlyTheRenderedEpdgThroughTheRouter(Lab lab, @TempDir Path dir) throws Exception {
        String rules = FirewallFormat.IPTABLES.render(List.of(discovered26208()),
                RuleOptions.DEFAULTS.withIptablesChain(CHAIN).withDefaultDrop(true));
        assertThat(rules).contains(":FORWARD DROP [0:0]").contains("-d 10.79.0.2/32").doesNotContain(EPDG_09);
        Path file = write(dir, "iptables.rules", rules);
        succeeds(rules, "iptables-restore", "--test", file.toString());
        try (Undo undo = new Undo(List.of("iptables", "-P", "FORWARD", "ACCEPT"), List.of("iptables", "-P", "OUTPUT",
                "ACCEPT"), List.of("iptables", "-F", "FORWARD"), List.of("iptables", "-F", "OUTPUT"),
                List.of("iptables", "-F", CHAIN), List.of("iptables", "-X", CHAIN))) {
            succeeds(rules, "iptables-restore", "--noflush", file.toString());
            assertThat(inRouter("iptables", "-S", "FORWARD").output()).contains("-P FORWARD DROP");
            assertOnly26208GetsThrough(rules);
        }
        assertThat(inRouter("iptables", "-S").output()).doesNotContain(CHAIN).contains("-P FORWARD ACCEPT");
        assertEverythingPasses("after the iptables rules were removed again");
    }

    /**
     * Every format the drift check reads, rendered for 262-08 and 262-09 as the lab's resolver gives them,
     * written to a file and read back against a second look-up: no drift; with 262-09 left out when the file
     * was written, the check names its address. Cisco ASA, PAN-OS, FortiOS, pfSense/OPNsense, MikroTik and Terraform
     * have no vendor tool on this machine: this is their check against the lab (nftables and iptables are
     * loaded into the router above, and checked by their tools in FirewallToolsIT).
     */
    @Test
    void everyReadableFormatRenderedForTheLabsEpdgsReadsBackWithoutDrift(Lab lab, @TempDir Path dir) throws Exception {
        List<EpdgAddresses> written = resolved();
        List<EpdgAddresses> now = resolved();
        DriftPolicy strict = DriftPolicy.DEFAULTS.withTooBroadIsViolation(true).withStaleIsViolation(true);
        List<String> read = new ArrayList<>();
        for (FirewallFormat f : FirewallFormat.values()) {
            if (!f.parsable() || f == FirewallFormat.IP6TABLES) {
                continue; // ip6tables is read together with iptables, as a host keeps them
            }
            Path file = write(dir, f.fileName(), f.render(written, RuleOptions.DEFAULTS));
            Path old = write(dir, "old-" + f.fileName(), f.render(written.subList(0, 1), RuleOptions.DEFAULTS));
            ParsedRules rules = f.parse(file);
            ParsedRules oldRules = f.parse(old);
            if (f == FirewallFormat.IPTABLES) {
                rules = ParsedRules.merge(List.of(rules, FirewallFormat.IP6TABLES.parse(write(dir, "ip6tables.rules",
                        FirewallFormat.IP6TABLES.render(written, RuleOptions.DEFAULTS)))));
                oldRules = ParsedRules.merge(List.of(oldRules, FirewallFormat.IP6TABLES.parse(write(dir,
                        "old-ip6tables.rules", FirewallFormat.IP6TABLES.render(written.subList(0, 1), RuleOptions.DEFAULTS)))));
            }
            DriftReport report = DriftCheck.check(now, rules, strict);
            assertThat(report.findings()).as("%s: %s", f.id(), report.text()).isEmpty();
            assertThat(report.summary()).as(f.id()).startsWith("Firewall rules match DNS: ");
            DriftReport drift = DriftCheck.check(now, oldRules, strict);
            assertThat(drift.violations()).as("%s: %s", f.id(), drift.text()).extracting(Finding::message)
                    .anySatisfy(m -> assertThat(m).startsWith(EPDG_09 + " (epdg.epc.mnc009.mcc262.pub.3gppnetwork.org, 262-09")
                            .contains(" is not allowed on udp/500 and udp/4500 by " + old));
            read.add(f.id());
        }
        assertThat(read).containsExactly("srx-set", "srx", "nftables", "iptables", "asa", "panos", "fortios", "pfsense",
                "mikrotik", "terraform-aws", "terraform-gcp");
        assertThat(Files.readString(dir.resolve(FirewallFormat.PAN_OS.fileName())))
                .contains(" application [ ike ipsec-esp-udp ]\n").contains(" ip-netmask " + EPDG_09 + "/32\n");
    }

    /** 262-08's and 262-09's addresses as a check against the lab's resolver finds them now. */
    private static List<EpdgAddresses> resolved() {
        List<EpdgAddresses> out = CHECK.checkAll(List.of(Plmn.parse("262-08"), Plmn.parse("262-09")), x -> { }).stream()
                .map(EpdgAddresses::of).toList();
        assertThat(out.get(0).addresses()).contains(address(EPDG_08));
        assertThat(out.get(1).addresses()).contains(address(EPDG_09));
        return out;
    }

    /** 262-08's addresses as a check against the lab's resolver finds them (before any rule is loaded). */
    private static EpdgAddresses discovered26208() {
        OperatorVerdict v = CHECK.check(Plmn.parse("262-08"));
        assertThat(v.ready()).as(v.sentence()).isTrue();
        EpdgAddresses epdg = EpdgAddresses.of(v);
        assertThat(epdg.addresses()).containsExactly(address(EPDG_08));
        return epdg;
    }

    private static void assertOnly26208GetsThrough(String rules) {
        Traffic t = traffic();
        String loaded = "with these rules in " + ROUTER + ":\n" + rules;
        assertThat(t.v08.ready()).as("262-08 %s%n%s", t.v08.sentence(), loaded).isTrue();
        assertThat(t.v08.probes()).extracting(PortResult::port, PortResult::outcome).as(loaded)
                .containsExactly(tuple(IkePort.UDP_500, PortOutcome.ANSWERED), tuple(IkePort.UDP_4500, PortOutcome.ANSWERED));
        assertThat(t.v09.ready()).as("262-09 %s%n%s", t.v09.sentence(), loaded).isFalse();
        assertThat(t.v09.probes()).extracting(PortResult::port, PortResult::outcome).as(loaded)
                .containsExactly(tuple(IkePort.UDP_500, PortOutcome.NO_ANSWER), tuple(IkePort.UDP_4500, PortOutcome.NO_ANSWER));
        assertThat(t.v09.sentence()).contains("10.79.0.3");
        assertThat(t.otherUdp.outcome()).as("UDP/%d to %s: %s%n%s", OTHER_UDP_PORT, EPDG_08, t.otherUdp.detail(), loaded)
                .isEqualTo(PortOutcome.NO_ANSWER);
        assertThat(t.tcp).as("TCP/%d to %s %s", TCP_PORT, EPDG_08, loaded).isEqualTo("timeout");
    }

    /** What passes without a firewall: both ePDGs answer, the other port and TCP are refused by the ePDG host. */
    private static void assertEverythingPasses(String when) {
        Traffic t = traffic();
        assertThat(t.v08.ready()).as("262-08 %s: %s", when, t.v08.sentence()).isTrue();
        assertThat(t.v09.ready()).as("262-09 %s: %s", when, t.v09.sentence()).isTrue();
        assertThat(t.v09.probes()).extracting(PortResult::outcome).as(when)
                .containsExactly(PortOutcome.ANSWERED, PortOutcome.ANSWERED);
        assertThat(t.otherUdp.outcome()).as("UDP/%d to %s %s: %s", OTHER_UDP_PORT, EPDG_08, when, t.otherUdp.detail())
                .isEqualTo(PortOutcome.PORT_UNREACHABLE);
        assertThat(t.tcp).as("TCP/%d to %s %s", TCP_PORT, EPDG_08, when).isEqualTo("refused");
    }

    private record Traffic(OperatorVerdict v08, OperatorVerdict v09, PortResult otherUdp, String tcp) {
    }

    /** Both checks in one probe run, the other UDP port and TCP beside it: one probe deadline in all. */
    private static Traffic traffic() {
        CompletableFuture<PortResult> otherUdp = CompletableFuture.supplyAsync(() -> new ProbeEngine(ProbeSettings.DEFAULTS)
                .probe(new ProbeTarget(new InetSocketAddress(address(EPDG_08), OTHER_UDP_PORT), IkePort.UDP_500)));
        CompletableFuture<String> tcp = CompletableFuture.supplyAsync(() -> tcp(EPDG_08, TCP_PORT));
        List<OperatorVerdict> v = CHECK.checkAll(List.of(Plmn.parse("262-08"), Plmn.parse("262-09")), x -> { });
        return new Traffic(v.get(0), v.get(1), otherUdp.join(), tcp.join());
    }

    /** "connected", "refused" (a TCP RST came back), "timeout" (nothing came back) or the error. */
    private static String tcp(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address(host), port), 2000);
            return "connected";
        } catch (ConnectException e) {
            return "refused";
        } catch (SocketTimeoutException e) {
            return "timeout";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no look-up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Lab.Result inRouter(String... command) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ROUTER));
        c.addAll(List.of(command));
        return Lab.Processes.run(c, Path.of("."), Duration.ofSeconds(30));
    }

    private static void succeeds(String rules, String... command) {
        Lab.Result r = inRouter(command);
        assertThat(r.exit()).as("ip netns exec %s %s said:%n%s%nfor:%n%s", ROUTER, String.join(" ", command),
                r.output(), rules).isZero();
    }

    /**
     * Commands that take the rules out of the router again, run on close whatever happened: a failing
     * one fails the test, or is added to the failure that is already on its way (a suppressed exception).
     */
    private record Undo(List<List<String>> commands) implements AutoCloseable {
        @SafeVarargs
        Undo(List<String>... commands) {
            this(List.of(commands));
        }

        @Override
        public void close() {
            List<String> failed = new ArrayList<>();
            for (List<String> command : commands) {
                Lab.Result r = inRouter(command.toArray(String[]::new));
                if (r.exit() != 0) {
                    failed.add(String.join(" ", command) + " (exit " + r.exit() + "): " + r.output().strip());
                }
            }
            if (!failed.isEmpty()) {
                throw new IllegalStateException("could not remove the test's rules from " + ROUTER + ": "
                        + String.join("; ", failed));
            }
        }
    }
}
