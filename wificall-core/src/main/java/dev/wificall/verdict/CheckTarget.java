package dev.wificall.verdict;

import dev.wificall.discovery.SelectionInput;
import dev.wificall.probe.IkePort;
import java.util.List;
import java.util.Objects;

/**
 * One operator to check, with the ports and address policy that apply to it; the check's settings
 * give the defaults, a front end's per-operator configuration overrides them.
 *
 * @param operator      what the phone knows: operator, area, abroad, emergency, or a configured name
 * @param ports         the ports to probe on every address, at least one
 * @param addressPolicy whether one working address is enough or every address must work
 */
public record CheckTarget(SelectionInput operator, List<IkePort> ports, AddressPolicy addressPolicy) {

    public CheckTarget {
        Objects.requireNonNull(operator, "operator");
        if (ports == null || ports.isEmpty()) {
            throw new IllegalArgumentException("no ports to probe for " + operator.label()
                    + "; expected UDP/500, UDP/4500 or both");
        }
        ports = List.copyOf(ports);
        Objects.requireNonNull(addressPolicy, "addressPolicy");
    }

    /** The operator with the settings' ports and address policy. */
    public static CheckTarget of(SelectionInput operator, CheckSettings settings) {
        return new CheckTarget(operator, settings.ports(), settings.addressPolicy());
    }
}
