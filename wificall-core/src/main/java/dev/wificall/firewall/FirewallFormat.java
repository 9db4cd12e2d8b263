package dev.wificall.firewall;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The firewall formats wificall writes rules in, and reads back for a drift check. Output is
 * deterministic: addresses sorted (IPv4 first), names derived from the operator and the address, no
 * time stamp unless {@link RuleOptions#generatedAt()} is set.
 */
public enum FirewallFormat {
    /** Juniper SRX {@code set} commands ({@code load set}, or {@code show configuration | display set}). */
    SRX_SET("srx-set"),
    /** Juniper SRX hierarchical (curly-brace) configuration ({@code load merge}, or {@code show configuration}). */
    SRX_HIERARCHICAL("srx"),
    /** An nftables ruleset for {@code nft -f}. */
    NFTABLES("nftables"),
    /** iptables-save format (IPv4), for {@code iptables-restore --noflush}. */
    IPTABLES("iptables"),
    /** ip6tables-save format (IPv6), for {@code ip6tables-restore --noflush}. */
    IP6TABLES("ip6tables"),
    /** Cisco ASA configuration commands; written only, not read back. */
    CISCO_ASA("asa");

    private final String id;

    FirewallFormat(String id) {
        this.id = id;
    }

    /** The short name for configuration: "srx-set", "srx", "nftables", "iptables", "ip6tables", "asa". */
    public String id() {
        return id;
    }

    /** The format for a short name (or the constant's name), ignoring case. */
    public static FirewallFormat of(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (FirewallFormat f : values()) {
            if (f.id.equals(n) || f.name().toLowerCase(Locale.ROOT).equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a firewall format; expected one of "
                + Arrays.stream(values()).map(FirewallFormat::id).collect(Collectors.joining(", ")));
    }

    /**
     * The readable format a rules file's name shows: {@code .set} Juniper set commands, {@code .conf}
     * or {@code .junos} Juniper hierarchical, {@code .nft} nftables, a name with ip6tables or
     * iptables; empty when the name does not tell.
     */
    public static Optional<FirewallFormat> ofFileName(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".set")) {
            return Optional.of(SRX_SET);
        }
        if (n.endsWith(".conf") || n.endsWith(".junos")) {
            return Optional.of(SRX_HIERARCHICAL);
        }
        if (n.endsWith(".nft")) {
            return Optional.of(NFTABLES);
        }
        if (n.contains("ip6tables")) {
            return Optional.of(IP6TABLES);
        }
        return n.contains("iptables") ? Optional.of(IPTABLES) : Optional.empty();
    }

    /** Rules that allow UDP/500 and UDP/4500 to every address of these operators, and nowhere else. */
    public String render(List<EpdgAddresses> operators, RuleOptions options) {
        RulePlan plan = new RulePlan(operators, options);
        return switch (this) {
            case SRX_SET -> SrxRenderer.render(plan, true);
            case SRX_HIERARCHICAL -> SrxRenderer.render(plan, false);
            case NFTABLES -> NftRenderer.render(plan);
            case IPTABLES -> IptablesRenderer.render(plan, true);
            case IP6TABLES -> IptablesRenderer.render(plan, false);
            case CISCO_ASA -> AsaRenderer.render(plan);
        };
    }

    /** Whether {@link #parse} reads this format. */
    public boolean parsable() {
        return this != CISCO_ASA;
    }

    /**
     * The rules of a file in this format that allow UDP/500 or UDP/4500 out.
     *
     * @param file the name findings and errors give the file, e.g. "firewall/srx.conf"
     * @param text its content
     * @throws RulesParseException when the part that decides what goes out cannot be read
     */
    public ParsedRules parse(String file, String text) {
        if (file == null || text == null) {
            throw new IllegalArgumentException("parsing needs a file name and its text, got " + file + " and "
                    + (text == null ? "no text" : "text"));
        }
        return switch (this) {
            case SRX_SET -> JunosParser.parse(file, text, true);
            case SRX_HIERARCHICAL -> JunosParser.parse(file, text, false);
            case NFTABLES -> NftParser.parse(file, text);
            case IPTABLES -> IptablesParser.parse(file, text, true);
            case IP6TABLES -> IptablesParser.parse(file, text, false);
            case CISCO_ASA -> throw new UnsupportedOperationException("wificall writes Cisco ASA rules but does not"
                    + " read them back; keep the rules in a format it reads: " + Arrays.stream(values())
                    .filter(FirewallFormat::parsable).map(FirewallFormat::id).collect(Collectors.joining(", ")));
        };
    }

    /** Reads a file (UTF-8); findings name it as {@code file.toString()}. */
    public ParsedRules parse(Path file) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }
}
