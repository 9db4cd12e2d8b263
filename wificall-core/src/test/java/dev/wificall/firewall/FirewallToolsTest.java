package dev.wificall.firewall;

import static dev.wificall.firewall.Fixtures.lab;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rendered files and the hand-written samples, checked by the real tools: {@code nft -c -f},
 * {@code iptables-restore --test} and {@code ip6tables-restore --test}. Each runs in a fresh network
 * namespace ({@code unshare -n}), so nothing here reads or changes the host's own firewall; the checks
 * load nothing anyway. Needs root (as the build runs) and nftables and iptables installed.
 */
class FirewallToolsTest {

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
                    + " util-linux)", program).isTrue();
        }
        List<String> command = new ArrayList<>(List.of("unshare", "-n"));
        command.addAll(tool.command);
        if (!tool.stdin) {
            command.add(file.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (tool.stdin) {
            pb.redirectInput(file.toFile());
        }
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 60 s");
        }
        return new Result(p.exitValue(), output);
    }

    static Stream<Arguments> files() {
        List<EpdgAddresses> v4only = List.of(Fixtures.telekom("10.77.0.2"));
        List<EpdgAddresses> v6only = List.of(Fixtures.vodafone("fd77::3"));
        List<EpdgAddresses> none = List.of(Fixtures.telekom());
        List<Arguments> out = new ArrayList<>();
        for (RuleOptions o : List.of(RuleOptions.DEFAULTS, RenderGoldenTest.OFFICE)) {
            for (List<EpdgAddresses> input : List.of(lab(), v4only, v6only, none)) {
                String what = input.stream().map(e -> e.addresses().toString()).toList() + (o == RuleOptions.DEFAULTS
                        ? "" : " with sources");
                out.add(Arguments.of(Tool.NFT, "rendered " + what, FirewallFormat.NFTABLES.render(input, o)));
                out.add(Arguments.of(Tool.IPTABLES, "rendered " + what, FirewallFormat.IPTABLES.render(input, o)));
                out.add(Arguments.of(Tool.IP6TABLES, "rendered " + what, FirewallFormat.IP6TABLES.render(input, o)));
            }
        }
        out.add(Arguments.of(Tool.NFT, "office.nft", Fixtures.resource("office.nft")));
        out.add(Arguments.of(Tool.NFT, "office-broad.nft", Fixtures.resource("office-broad.nft")));
        out.add(Arguments.of(Tool.IPTABLES, "office.iptables", Fixtures.resource("office.iptables")));
        out.add(Arguments.of(Tool.IP6TABLES, "office.ip6tables", Fixtures.resource("office.ip6tables")));
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
        Path v4 = dir.resolve("broken.iptables");
        Files.writeString(v4, FirewallFormat.IP6TABLES.render(lab(), RuleOptions.DEFAULTS)); // IPv6 for iptables
        assertThat(run(Tool.IPTABLES, v4).exit()).isNotZero();
        Path v6 = dir.resolve("broken.ip6tables");
        Files.writeString(v6, FirewallFormat.IPTABLES.render(lab(), RuleOptions.DEFAULTS).replace("COMMIT\n", ""));
        assertThat(run(Tool.IP6TABLES, v6).exit()).isNotZero();
    }
}
