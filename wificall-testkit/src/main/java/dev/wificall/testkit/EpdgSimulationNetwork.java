package dev.wificall.testkit;

import dev.wificall.discovery.Candidate;
import dev.wificall.discovery.EpdgSelection;
import dev.wificall.discovery.Operators;
import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.ike.IkeProposals;
import dev.wificall.probe.IkePort;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A network in a box for wificall's checks: an {@link EpdgSimulator} and a {@link DnsStub} that
 * points the operators' ePDG names at it. Point a check at {@link #dnsServer()} with
 * {@link #portOffset()} and it finds and probes the simulator as a phone would find and probe the
 * operator's ePDG; make a port {@linkplain Builder#drop drop} and the check sees the firewall.
 *
 * <pre>{@code
 * try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("262-01").drop(IkePort.UDP_4500).start()) {
 *     CheckSettings settings = CheckSettings.DEFAULTS.withDnsServer(DnsServer.parse(net.dnsServer()))
 *             .withPortOffset(net.portOffset());
 *     OperatorVerdict v = new ReadinessCheck(settings).check(Plmn.parse("262-01"));   // UDP/4500: NO_ANSWER
 * }
 * }</pre>
 *
 * <p>Both front ends build on it: {@link EpdgSimulationExtension} (JUnit 5) and the Maven goals
 * {@code wificall:simulator-start} and {@code wificall:simulator-stop}. Every operator's
 * operator-identifier name and its emergency ({@code sos.}) twin get the simulator's address; any
 * other name is NXDOMAIN unless added with {@link Builder#dns}.
 */
public final class EpdgSimulationNetwork implements AutoCloseable {

    /** The parameters the check takes, as both front ends name them. */
    public static final String DNS_SERVER = "wificall.dns.server";
    public static final String PORT_OFFSET = "wificall.portOffset";

    private final EpdgSimulator simulator;
    private final DnsStub dns;
    private final List<String> names;

    private EpdgSimulationNetwork(EpdgSimulator simulator, DnsStub dns, List<String> names) {
        this.simulator = simulator;
        this.dns = dns;
        this.names = List.copyOf(names);
    }

    public static Builder builder() {
        return new Builder();
    }

    public EpdgSimulator simulator() {
        return simulator;
    }

    public DnsStub dns() {
        return dns;
    }

    /** The resolver to give the check: "127.0.0.1:40053". */
    public String dnsServer() {
        return dns.server();
    }

    /** The port offset to give the check: the simulator listens on 500 and 4500 plus this. */
    public int portOffset() {
        return simulator.portOffset();
    }

    /** The ePDG names that point at the simulator, in the order the operators were given. */
    public List<String> names() {
        return names;
    }

    /**
     * {@code wificall.dns.server} and {@code wificall.portOffset} with this network's values: what a
     * check needs to reach the simulator.
     */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(DNS_SERVER, dnsServer());
        s.put(PORT_OFFSET, String.valueOf(portOffset()));
        return s;
    }

    /** "1 datagram on UDP/500, 5 on UDP/4500, 2 DNS queries": what reached the network so far. */
    public String traffic() {
        int queries = dns.queries();
        int datagrams = simulator.datagramsReceived(IkePort.UDP_500);
        return datagrams + (datagrams == 1 ? " datagram" : " datagrams") + " on UDP/500, "
                + simulator.datagramsReceived(IkePort.UDP_4500) + " on UDP/4500, " + queries
                + (queries == 1 ? " DNS query" : " DNS queries");
    }

    /** Stops the resolver and the simulator; idempotent. */
    @Override
    public void close() {
        try {
            dns.close();
        } finally {
            simulator.close();
        }
    }

    /**
     * "ePDG simulator on 127.0.0.1, UDP 10500 as 500 (answer) and 14500 as 4500 (silence); resolver
     * 127.0.0.1:40053 for epdg.epc.mnc001.mcc262.pub.3gppnetwork.org, sos.epdg.epc.mnc001.mcc262.pub.3gppnetwork.org".
     */
    @Override
    public String toString() {
        return simulator + "; resolver " + dnsServer() + " for " + String.join(", ", names);
    }

    /**
     * What to simulate. Mistakes (an unknown operator, a port given twice) throw an
     * {@link IllegalArgumentException} naming the call and the value. A builder can start any
     * number of networks, each on its own ports.
     */
    public static final class Builder {
        private final Set<String> names = new LinkedHashSet<>();
        private final Map<IkePort, Behaviour> behaviours = new EnumMap<>(IkePort.class);
        private final Set<IkePort> dropped = new LinkedHashSet<>();
        private final List<Consumer<DnsStub.Builder>> dnsExtras = new ArrayList<>();
        private InetAddress address;
        private Integer portOffset;
        private String proposals;

        private Builder() {
        }

        /**
         * An operator whose ePDG the simulator plays: MCC-MNC ({@code "262-01"}) or a name from
         * wificall's operator table ({@code "Congstar"}). Its operator-identifier name
         * ({@code epdg.epc.mnc001.mcc262.pub.3gppnetwork.org}) and the {@code sos.} twin resolve to
         * the simulator.
         */
        public Builder operator(String operator) {
            Plmn plmn;
            try {
                plmn = Operators.find(operator);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("operator(\"" + operator + "\"): " + e.getMessage(), e);
            }
            return plmn(plmn);
        }

        public Builder operator(int mcc, int mnc) {
            try {
                return plmn(Plmn.of(mcc, mnc));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("operator(" + mcc + ", " + mnc + "): " + e.getMessage(), e);
            }
        }

        private Builder plmn(Plmn plmn) {
            return operator(SelectionInput.of(plmn)).operator(SelectionInput.of(plmn).withEmergency(true));
        }

        /**
         * An operator as a phone in a cell knows it (area codes, emergency, abroad, or a configured
         * name): every name the phone asks for addresses resolves to the simulator, so the first one
         * it tries answers. A visited-country NAPTR name stays unknown (NXDOMAIN): the phone falls
         * back to its home operator's name.
         */
        public Builder operator(SelectionInput input) {
            Objects.requireNonNull(input, "input");
            for (Candidate c : EpdgSelection.candidates(input)) {
                if (!c.naptr()) {
                    names.add(c.name().fqdn());
                }
            }
            return this;
        }

        /** Any other ePDG name that resolves to the simulator, e.g. a configured {@code epdg.example.net}. */
        public Builder fqdn(String fqdn) {
            try {
                names.add(DnsStub.Builder.name(fqdn).toString(true));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fqdn(\"" + fqdn + "\"): " + e.getMessage(), e);
            }
            return this;
        }

        /** The simulated firewall drops these ports: the simulator stays silent there. */
        public Builder drop(IkePort... ports) {
            for (IkePort p : ports) {
                if (behaviours.containsKey(p)) {
                    throw new IllegalArgumentException("drop(" + p + "): " + p + " already has a behaviour ("
                            + behaviours.get(p) + "); give a port one of them");
                }
                dropped.add(Objects.requireNonNull(p, "port"));
            }
            return this;
        }

        /** How the simulator acts on this port (default {@link Behaviour#answer()}). */
        public Builder behaviour(IkePort port, Behaviour behaviour) {
            Objects.requireNonNull(port, "port");
            if (dropped.contains(port)) {
                throw new IllegalArgumentException("behaviour(" + port + ", " + behaviour + "): " + port + " is dropped;"
                        + " give a port one of them");
            }
            behaviours.put(port, Objects.requireNonNull(behaviour, "behaviour"));
            return this;
        }

        /** The simulator's ports are 500 and 4500 plus this offset; without it, a free pair is chosen. */
        public Builder portOffset(int offset) {
            if (offset < 1 || offset > 65535 - 4500) {
                throw new IllegalArgumentException("portOffset(" + offset + "): expected 1 to 61035 (500 and 4500 plus"
                        + " the offset must be ports), e.g. 10000 for 10500 and 14500");
            }
            this.portOffset = offset;
            return this;
        }

        /** The proposals the simulator accepts, in strongSwan syntax; its default otherwise. */
        public Builder proposals(String strongSwanProposals) {
            try {
                IkeProposals.parse(Objects.requireNonNull(strongSwanProposals, "proposals")); // a mistake shows here, not at start
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("proposals(\"" + strongSwanProposals + "\"): " + e.getMessage(), e);
            }
            this.proposals = strongSwanProposals;
            return this;
        }

        /** Where the simulator and the resolver listen; loopback by default. */
        public Builder address(InetAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /** More for the resolver, e.g. {@code dns(d -> d.failure("epdg.epc.mnc002.mcc262.pub.3gppnetwork.org", SERVFAIL))}. */
        public Builder dns(Consumer<DnsStub.Builder> extra) {
            dnsExtras.add(Objects.requireNonNull(extra, "extra"));
            return this;
        }

        /**
         * Starts the simulator, then the resolver that points the names at its address.
         *
         * @throws IOException when a port cannot be bound
         */
        public EpdgSimulationNetwork start() throws IOException {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("start(): no operator; call operator(\"262-01\") or"
                        + " fqdn(\"epdg.example.net\") first, so that the resolver has a name to point at the simulator");
            }
            EpdgSimulator.Builder sim = EpdgSimulator.builder();
            if (address != null) {
                sim.address(address);
            }
            if (portOffset != null) {
                sim.portOffset(portOffset);
            }
            if (proposals != null) {
                sim.proposals(proposals);
            }
            behaviours.forEach(sim::behaviour);
            dropped.forEach(p -> sim.behaviour(p, Behaviour.silence()));
            EpdgSimulator simulator = sim.start();
            try {
                DnsStub.Builder d = DnsStub.builder();
                if (address != null) {
                    d.listen(address);
                }
                for (String name : names) {
                    d.address(name, simulator.address());
                }
                dnsExtras.forEach(e -> e.accept(d));
                return new EpdgSimulationNetwork(simulator, d.start(), new ArrayList<>(names));
            } catch (IOException | RuntimeException e) {
                simulator.close();
                throw e;
            }
        }
    }
}
