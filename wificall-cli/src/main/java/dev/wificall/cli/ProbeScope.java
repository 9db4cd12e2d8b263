package dev.wificall.cli;

import dev.wificall.probe.IkePort;
import dev.wificall.verdict.CheckSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Which ports of how many addresses check and audit ask. */
final class ProbeScope {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--ports", defaultValue = "500,4500", paramLabel = "PORTS",
            description = "500, 4500 or 500,4500. Default: ${DEFAULT-VALUE}.")
    String ports;

    @Option(names = "--port-offset", defaultValue = "0", paramLabel = "N", description = "Added to 500 and 4500: 0 for"
            + " ePDGs, the simulator's offset for it (wificall simulate prints it). Default: ${DEFAULT-VALUE}.")
    String portOffset;

    @Option(names = "--max-addresses", defaultValue = "16", paramLabel = "N", description = "Addresses asked per ePDG"
            + " name, the first in the resolver's order. Default: ${DEFAULT-VALUE}.")
    String maxAddresses;

    CheckSettings apply(CheckSettings settings) {
        CheckSettings s = settings;
        try {
            s = s.withPorts(IkePort.parseList(ports));
        } catch (IllegalArgumentException e) {
            throw Usage.bad(spec, "--ports", ports, e.getMessage());
        }
        try {
            s = s.withPortOffset(Usage.integer(spec, "--port-offset", portOffset, "0 to 61035"));
        } catch (IllegalArgumentException e) {
            throw Usage.bad(spec, "--port-offset", portOffset, e.getMessage());
        }
        try {
            return s.withMaxAddresses(CheckSettings.parseMaxAddresses(maxAddresses));
        } catch (IllegalArgumentException e) {
            throw Usage.bad(spec, "--max-addresses", maxAddresses, e.getMessage());
        }
    }
}
