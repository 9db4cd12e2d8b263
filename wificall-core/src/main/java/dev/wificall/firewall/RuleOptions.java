package dev.wificall.firewall;

import dev.wificall.dns.AddressPrefix;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names and choices for generated rules. Start from {@link #DEFAULTS} and change what differs:
 * {@code RuleOptions.DEFAULTS.withZones("lan", "wan").withSources(List.of("10.20.0.0/16"))}.
 *
 * @param fromZone           Junos zone the phones are in
 * @param toZone             Junos zone towards the Internet
 * @param policyName         Junos security policy name
 * @param addressSetName     Junos address-set of the ePDG addresses; in upper case the Cisco ASA object-group
 * @param applicationSetName Junos application-set of UDP/500, UDP/4500 (and the IKE-ESP-NAT ALG)
 * @param sources            where phones are, as CIDR prefixes ("10.20.0.0/16", "fd00:20::/64"); empty for any
 * @param nftTable           nftables table (family inet) holding the sets and chains
 * @param iptablesChain      iptables and ip6tables chain holding the rules
 * @param ikeEspNatAlg       Junos: add an application with the {@code ike-esp-nat} ALG and enable the ALG
 * @param generatedAt        stamped into the header when not null; null keeps output identical run to run
 * @param defaultDrop        nftables, iptables and ip6tables: make the file a complete stateful default-drop
 *                           firewall for the host (output) and a router (forward): drop everything leaving or
 *                           passing through but replies, loopback (and IPv6 neighbour discovery) on the host and
 *                           the ePDG rules; off (the default) writes allow-rules to add to your own ruleset. The
 *                           Junos and ASA formats need no such option: their policies and access lists end in an
 *                           implicit deny
 * @param ipsecEsp           PAN-OS: allow application {@code ipsec-esp} (ESP as IP protocol 50, which a phone sends
 *                           only when no NAT is between it and the ePDG) beside {@code ike} and {@code ipsec-esp-udp};
 *                           off by default, as Wi-Fi Calling almost always crosses a NAT and sends ESP in UDP/4500
 */
public record RuleOptions(String fromZone, String toZone, String policyName, String addressSetName,
                          String applicationSetName, List<String> sources, String nftTable, String iptablesChain,
                          boolean ikeEspNatAlg, Instant generatedAt, boolean defaultDrop, boolean ipsecEsp) {

    /** Junos object names: up to 63 characters, from a letter or digit on; what every target accepts. */
    private static final Pattern JUNOS_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern NFT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");
    /** xtables allows 28 characters for a chain name. */
    private static final Pattern IPTABLES_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,27}");
    private static final Set<String> IPTABLES_RESERVED = Set.of("INPUT", "OUTPUT", "FORWARD", "PREROUTING",
            "POSTROUTING", "ACCEPT", "DROP", "REJECT", "RETURN", "QUEUE", "LOG");
    private static final Set<String> JUNOS_RESERVED = Set.of("any", "any-ipv4", "any-ipv6");

    /** Declared after the patterns: its constructor uses them. */
    public static final RuleOptions DEFAULTS = new RuleOptions("trust", "untrust", "allow-wifi-calling",
            "epdg-addresses", "wificall-ike-apps", List.of(), "wificall", "WIFICALL", true, null, false, false);

    public RuleOptions {
        junosName("fromZone", fromZone);
        junosName("toZone", toZone);
        junosName("policyName", policyName);
        junosName("addressSetName", addressSetName);
        junosName("applicationSetName", applicationSetName);
        if (sources == null) {
            throw new IllegalArgumentException("sources is null; expected a list of CIDR prefixes, empty for any source");
        }
        sources = sources.stream().map(RuleOptions::source).distinct().toList();
        if (nftTable == null || !NFT_NAME.matcher(nftTable).matches()) {
            throw new IllegalArgumentException("nftTable " + quoted(nftTable) + " is not an nftables name: expected a"
                    + " letter, then up to 31 letters, digits or '_', e.g. \"wificall\"");
        }
        if (iptablesChain == null || !IPTABLES_NAME.matcher(iptablesChain).matches()
                || IPTABLES_RESERVED.contains(iptablesChain.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("iptablesChain " + quoted(iptablesChain) + " is not a user chain name:"
                    + " expected a letter, then up to 27 letters, digits, '-' or '_', and not a built-in chain or"
                    + " target (INPUT, OUTPUT, FORWARD, ACCEPT, ...), e.g. \"WIFICALL\"");
        }
    }

    /** Without default drop: allow-rules to add to an existing ruleset. */
    public RuleOptions(String fromZone, String toZone, String policyName, String addressSetName,
                       String applicationSetName, List<String> sources, String nftTable, String iptablesChain,
                       boolean ikeEspNatAlg, Instant generatedAt) {
        this(fromZone, toZone, policyName, addressSetName, applicationSetName, sources, nftTable, iptablesChain,
                ikeEspNatAlg, generatedAt, false, false);
    }

    /** Without PAN-OS ipsec-esp. */
    public RuleOptions(String fromZone, String toZone, String policyName, String addressSetName,
                       String applicationSetName, List<String> sources, String nftTable, String iptablesChain,
                       boolean ikeEspNatAlg, Instant generatedAt, boolean defaultDrop) {
        this(fromZone, toZone, policyName, addressSetName, applicationSetName, sources, nftTable, iptablesChain,
                ikeEspNatAlg, generatedAt, defaultDrop, false);
    }

    public RuleOptions withZones(String from, String to) {
        return new RuleOptions(from, to, policyName, addressSetName, applicationSetName, sources, nftTable,
                iptablesChain, ikeEspNatAlg, generatedAt, defaultDrop, ipsecEsp);
    }

    public RuleOptions withPolicyName(String name) {
        return new RuleOptions(fromZone, toZone, name, addressSetName, applicationSetName, sources, nftTable,
                iptablesChain, ikeEspNatAlg, generatedAt, defaultDrop, ipsecEsp);
    }

    public RuleOptions withAddressSetName(String name) {
        return new RuleOptions(fromZone, toZone, policyName, name, applicationSetName, sources, nftTable,
                iptablesChain, ikeEspNatAlg, generatedAt, defaultDrop, ipsecEsp);
    }

    public RuleOptions withApplicationSetName(String name) {
        return new RuleOptions(fromZone, toZone, policyName, addressSetName, name, sources, nftTable,
                iptablesChain, ikeEspNatAlg, generatedAt, defaultDrop, ipsecEsp);
    }

    public RuleOptions withSources(List<String> prefixes) {
        return new RuleOptions(fromZone, toZone, policyName, addressSetName, applicationSetName, prefixes, nftTable,
                iptablesChain, ikeEspNatAlg, generatedAt, defaultDrop, ipsecEsp);
    }

    public RuleOptions withNftTable(String table) {
        return new RuleOptions(fromZone, toZone, policyName, addressSetName, applicationSetName, sources, table,
                iptablesChain, ikeEspNatAlg, generatedAt, defaultDrop, ipsecEsp);
    }

    public RuleOptions withIptablesChain(String chain) {
        return new RuleOptions(fromZone, toZone, policyName, addressSetName, applicationSetName, sources, nftTable,
                chain, ikeEspNatAlg, generatedAt, defaultDrop, ipsecEsp);
    }

    public RuleOptions withIkeEspNatAlg(boolean alg) {
        return new RuleOptions(fromZone, toZone, policyName, addressSetName, applicationSetName, sources, nftTable,
                iptablesChain, alg, generatedAt, defaultDrop, ipsecEsp);
    }

    public RuleOptions withGeneratedAt(Instant at) {
        return new RuleOptions(fromZone, toZone, policyName, addressSetName, applicationSetName, sources, nftTable,
                iptablesChain, ikeEspNatAlg, at, defaultDrop, ipsecEsp);
    }

    /**
     * Whether the nftables, iptables and ip6tables files drop by default ({@link #defaultDrop()}); false in
     * {@link #DEFAULTS}.
     */
    public RuleOptions withDefaultDrop(boolean drop) {
        return new RuleOptions(fromZone, toZone, policyName, addressSetName, applicationSetName, sources, nftTable,
                iptablesChain, ikeEspNatAlg, generatedAt, drop, ipsecEsp);
    }

    /** Whether PAN-OS rules allow application ipsec-esp too ({@link #ipsecEsp()}); false in {@link #DEFAULTS}. */
    public RuleOptions withIpsecEsp(boolean esp) {
        return new RuleOptions(fromZone, toZone, policyName, addressSetName, applicationSetName, sources, nftTable,
                iptablesChain, ikeEspNatAlg, generatedAt, defaultDrop, esp);
    }

    /** The sources as prefixes, in the order given. */
    List<AddressPrefix> sourcePrefixes() {
        return sources.stream().map(AddressPrefix::parse).toList();
    }

    private static void junosName(String what, String value) {
        if (value == null || !JUNOS_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " " + quoted(value) + " is not a usable name: expected 1 to 63"
                    + " letters, digits, '.', '-' or '_', starting with a letter or digit");
        }
        if (JUNOS_RESERVED.contains(value.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(what + " " + quoted(value) + " is a Junos keyword (any, any-ipv4,"
                    + " any-ipv6); choose another name");
        }
    }

    private static String source(String text) {
        try {
            return AddressPrefix.parse(text).toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sources: " + e.getMessage(), e);
        }
    }

    private static String quoted(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
