package dev.wificall.cli;

import dev.wificall.ike.IkeProposals;
import dev.wificall.probe.IkePort;
import dev.wificall.testkit.EpdgSimulationNetwork;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wificall simulate}: the embedded ePDG simulator and its resolver on loopback, for a demo
 * without root and without a network; prints the check that reaches it and runs until Ctrl-C.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        header = "Runs the ePDG simulator and its resolver on loopback, for a demo without root.",
        description = {"Starts wificall's ePDG simulator (an IKEv2 responder on UDP 500 and 4500 plus an offset) and"
                + " a resolver that points the operators' ePDG names at it, both on 127.0.0.1; prints the wificall"
                + " check command that reaches them, and runs until Ctrl-C or --duration. No root needed.",
                "--drop 4500 plays the firewall that breaks Wi-Fi Calling: the simulator stays silent on UDP/4500."},
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:stopped after --duration", "130:stopped by Ctrl-C (143: by SIGTERM), after closing its sockets",
                ExitCode.LIST_64,
                "70:the simulator could not start (e.g. the --port-offset ports are in use)"},
        footer = {"%nExample: wificall simulate 262-01 --drop 4500"})
final class SimulateCommand implements Callable<Integer> {

    @ParentCommand
    WificallCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "OPERATOR", description = "Whose ePDG the simulator plays: MCC-MNC or a"
            + " name from the operator table. Default: 262-01.")
    List<String> operators = new ArrayList<>();

    @Option(names = "--drop", paramLabel = "PORTS", description = "Ports the simulated firewall drops: 500, 4500 or"
            + " 500,4500. Default: none.")
    String drop;

    @Option(names = "--port-offset", paramLabel = "N", description = "Listen on 500 and 4500 plus this, 1 to 61035."
            + " Default: a free pair.")
    String portOffset;

    @Option(names = "--proposals", paramLabel = "PROPOSALS", description = "What the simulator accepts, strongSwan"
            + " syntax, e.g. aes256-sha256-modp2048. Default: a current ePDG's.")
    String proposals;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop after this long (ms, s, m). Default:"
            + " run until Ctrl-C.")
    String duration;

    @Override
    public Integer call() {
        Io io = parent.io;
        Duration limit = duration == null ? null : Usage.duration(spec, "--duration", duration);
        List<String> names = operators.isEmpty() ? List.of("262-01") : operators;
        EpdgSimulationNetwork.Builder b = builder(names);
        EpdgSimulationNetwork network;
        try {
            network = b.start();
        } catch (IOException e) {
            throw new ToolException("cannot start the ePDG simulator" + (portOffset == null ? "" : " with --port-offset="
                    + portOffset) + ": " + e.getMessage() + (portOffset == null ? "" : "; choose another offset, or"
                    + " leave it out for a free pair"), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C: the JVM runs this hook and ends when it returns; it lets the command close the sockets and
        // threads and say what reached them first (at most 5 s)
        Thread hook = new Thread(() -> {
            stopped.countDown();
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "wificall-simulate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean interrupted = false;
        try {
            io.out().println("wificall: started " + network);
            io.out().println("Check it from another terminal with:");
            io.out().println("  wificall check " + String.join(" ", names) + " --dns-server " + network.dnsServer()
                    + " --port-offset " + network.portOffset());
            io.out().println(limit == null ? "Stop with Ctrl-C." : "Stops in " + duration + ".");
            io.out().flush();
            if (limit == null) {
                stopped.await();
            } else {
                stopped.await(limit.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            interrupted = true;   // asked to stop: the same clean end as Ctrl-C, with the flag set again after close
        } finally {
            String seen = network.traffic();
            network.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook has run
            }
            io.out().println("wificall: stopped the ePDG simulator (" + seen + ")");
            io.out().flush();
            finished.countDown();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.COMPLIANT;
    }

    private EpdgSimulationNetwork.Builder builder(List<String> names) {
        EpdgSimulationNetwork.Builder b = EpdgSimulationNetwork.builder();
        for (String name : names) {
            try {
                b.operator(name);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "OPERATOR '" + name + "': "
                        + e.getMessage());
            }
        }
        if (drop != null) {
            try {
                b.drop(IkePort.parseList(drop).toArray(IkePort[]::new));
            } catch (IllegalArgumentException e) {
                throw Usage.bad(spec, "--drop", drop, e.getMessage() + "; these are the ports the simulated firewall drops");
            }
        }
        if (portOffset != null) {
            try {
                b.portOffset(Usage.integer(spec, "--port-offset", portOffset, "1 to 61035"));
            } catch (IllegalArgumentException e) {
                throw Usage.bad(spec, "--port-offset", portOffset, e.getMessage());
            }
        }
        if (proposals != null) {
            try {
                IkeProposals.parse(proposals.strip());
                b.proposals(proposals.strip());
            } catch (IllegalArgumentException e) {
                throw Usage.bad(spec, "--proposals", proposals, e.getMessage());
            }
        }
        return b;
    }
}
