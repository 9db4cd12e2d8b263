package dev.wificall.cli;

import dev.wificall.testkit.EpdgSimulationNetwork;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * The launcher's training run for its AppCDS archive (hidden): what a check loads, against the
 * simulator on loopback, with reports, a firewall rendering and a usage mistake, so that the archive
 * serves the commands people run, whatever the first one was.
 */
@Command(name = "cds-training", hidden = true, description = "Loads what a check loads, for the launcher's AppCDS archive.")
final class TrainCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Path dir = Files.createTempDirectory("wificall-cds-");
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("262-01")
                .dns(d -> d.a("epdg.example.net", "192.0.2.10")).start()) {
            Io io = new Io(nowhere, nowhere, Map.of(), dir, false);
            String[] at = {"--dns-server", net.dnsServer(), "--port-offset", String.valueOf(net.portOffset())};
            Main.run(io, concat(new String[] {"check", "262-01"}, at));
            Main.run(io, concat(new String[] {"check", "262-01", "--json"}, at));
            Main.run(io, "firewall", "epdg.example.net", "--dns-server", net.dnsServer(), "--format", "nftables");
            Main.run(io, "check", "262-01", "--ports", "501");
            Main.run(io, "check", "--help");
            Main.run(io, "readers", "--help");
            Main.run(io, "--version");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        return ExitCode.COMPLIANT;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
