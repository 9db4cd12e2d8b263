package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.firewall.EpdgAddresses;
import dev.wificall.firewall.FirewallFormat;
import dev.wificall.firewall.RuleOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rendered firewall files and hand-written samples, checked by the real tools: {@code nft -c -f},
 * {@code iptables-restore --test} and {@code ip6tables-restore --test}. Each runs in a fresh network
 * namespace ({@code unshare -n}), so nothing here reads or changes the host's own firewall; the checks
 * load nothing anyway. Needs root (as this module runs) and nftables, iptables and util-linux
 * (it/lab/install.sh installs them); no lab. {@link FirewallLabIT} loads a rendered file for real.
 */
class FirewallToolsIT {

    static final String FQDN1 = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";
    static final String FQDN2 = "epdg.epc.mnc002.mcc262.pub.3gppnetwork.org";

    /** Sources (out of order), other zones and names, no ALG and a time stamp. */
    static final RuleOptions OFFICE = RuleOptions.DEFAULTS
            .withSources(List.of("10.20.0.0/16", "fd00:20::/64", "192.168.7.0/24"))
            .withZones("office", "internet").withIkeEspNatAlg(false)
            .withGeneratedAt(Instant.parse("2026-11-27T08:00:00Z"));

    /** Every option the nftables and iptables files depend on: names, sources of one family, default drop. */
    static final List<RuleOptions> OPTION_SETS = List.of(
            RuleOptions.DEFAULTS,
            OFFICE,
            RuleOptions.DEFAULTS.withSources(List.of("10.20.0.0/16")).withNftTable("office_fw")
                    .withIptablesChain("EPDG-OUT_1"),
            RuleOptions.DEFAULTS.withDefaultDrop(true),
            OFFICE.withDefaultDrop(true),
            RuleOptions.DEFAULTS.withSources(List.of("fd00:20::/64")).withDefaultDrop(true));

    enum Tool {
        NFT(List.of("nft", "-c", "-f"), false),
        IPTABLES(List.of("iptables-restore", "--test"), true),
        IP6TABLES(List.of("ip6tables-restore", "--test"), true);

        final List<String> command;
        final boolean stdin;

        Tool(List<String> command, boolean stdin) {
            this.command = command;
            this.stdin = stdin;
        }
    }

    record Result(int exit, String output) {
    }

    static Result run(Tool tool, Path file) throws IOException, InterruptedException {
        for (String program : List.of("unshare", tool.command.get(0))) {
            boolean found = Stream.of(System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin")
                    .flatMap(p -> Stream.of(p.split(":"))).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
            assertThat(found).as("%s is not installed; this test needs it (Debian: apt-get install nftables iptables"
                    + " util-linux, or it/lab/install.sh)", program).isTrue();
        }
        List<String> command = new ArrayList<>(List.of("unshare", "-n"));
        command.addAll(tool.command);
        if (!tool.stdin) {
            command.add(file.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.redirectInput(tool.stdin ? ProcessBuilder.Redirect.from(file.toFile())
                : ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 60 s");
        }
        return new Result(p.exitValue(), output);
    }

    /** 262-01 with 10.77.0.2 and fd77::2, 262-02 with 10.77.0.3 and fd77::3 (the lab's), given out of order. */
    static List<EpdgAddresses> lab() {
        return List.of(new EpdgAddresses("262-02 Vodafone", FQDN2, addresses("fd77::3", "10.77.0.3")),
                new EpdgAddresses("262-01 T-Mobile(Telekom)", FQDN1, addresses("fd77::2", "10.77.0.2")));
    }

    static List<InetAddress> addresses(String... literals) {
        return Arrays.stream(literals).map(l -> {
            try {
                return InetAddress.getByName(l); // literals only: no look-up
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(l, e);
            }
        }).toList();
    }

    static String sample(String name) {
        try (InputStream in = FirewallToolsIT.class.getResourceAsStream("/firewall/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource firewall/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> files() {
        List<EpdgAddresses> v4only = List.of(new EpdgAddresses("262-01 T-Mobile(Telekom)", FQDN1,
                addresses("10.77.0.2")));
        List<EpdgAddresses> v6only = List.of(new EpdgAddresses("262-02 Vodafone", FQDN2, addresses("fd77::3")));
        List<EpdgAddresses> none = List.of(new EpdgAddresses("262-01 T-Mobile(Telekom)", FQDN1, List.of()));
        List<Arguments> out = new ArrayList<>();
        for (int o = 0; o < OPTION_SETS.size(); o++) {
            RuleOptions options = OPTION_SETS.get(o);
            for (List<EpdgAddresses> input : List.of(lab(), v4only, v6only, none)) {
                String what = "options " + o + (options.defaultDrop() ? " (default drop) " : " ")
                        + input.stream().map(e -> e.addresses().toString()).toList();
                out.add(Arguments.of(Tool.NFT, "rendered " + what, FirewallFormat.NFTABLES.render(input, options)));
                out.add(Arguments.of(Tool.IPTABLES, "rendered " + what, FirewallFormat.IPTABLES.render(input, options)));
                out.add(Arguments.of(Tool.IP6TABLES, "rendered " + what,
                        FirewallFormat.IP6TABLES.render(input, options)));
            }
        }
        out.add(Arguments.of(Tool.NFT, "office.nft", sample("office.nft")));
        out.add(Arguments.of(Tool.NFT, "office-broad.nft", sample("office-broad.nft")));
        out.add(Arguments.of(Tool.IPTABLES, "office.iptables", sample("office.iptables")));
        out.add(Arguments.of(Tool.IP6TABLES, "office.ip6tables", sample("office.ip6tables")));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("files")
    void theToolAcceptsTheFile(Tool tool, String what, String text, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Result r = run(tool, file);
        assertThat(r.exit()).as("%s on %s said:%n%s%nfor:%n%s", tool.command, what, r.output(), text).isZero();
    }

    /** The checks above mean something only if the tools reject a broken file. */
    @Test
    void theToolsRejectBrokenFiles(@TempDir Path dir) throws Exception {
        Path nft = dir.resolve("broken.nft");
        Files.writeString(nft, "table inet wificall {\n\tchain output {\n\t\tip daddr 10.77.0.300 accept\n\t}\n}\n");
        assertThat(run(Tool.NFT, nft).exit()).isNotZero();
        Path nftDrop = dir.resolve("broken-drop.nft");
        Files.writeString(nftDrop, FirewallFormat.NFTABLES.render(lab(), RuleOptions.DEFAULTS.withDefaultDrop(true))
                .replace("policy drop;", "policy dorp;"));
        assertThat(run(Tool.NFT, nftDrop).exit()).isNotZero();
        Path v4 = dir.resolve("broken.iptables");
        Files.writeString(v4, FirewallFormat.IP6TABLES.render(lab(), RuleOptions.DEFAULTS)); // IPv6 for iptables
        assertThat(run(Tool.IPTABLES, v4).exit()).isNotZero();
        Path v4Drop = dir.resolve("broken-drop.iptables");
        Files.writeString(v4Drop, FirewallFormat.IP6TABLES.render(lab(), RuleOptions.DEFAULTS.withDefaultDrop(true)));
        assertThat(run(Tool.IPTABLES, v4Drop).exit()).isNotZero(); // ICMPv6 and IPv6 addresses
        Path v6 = dir.resolve("broken.ip6tables");
        Files.writeString(v6, FirewallFormat.IPTABLES.render(lab(), RuleOptions.DEFAULTS).replace("COMMIT\n", ""));
        assertThat(run(Tool.IP6TABLES, v6).exit()).isNotZero();
    }
}
