package dev.wificall.firewall;

import dev.wificall.firewall.asa.AsaRenderer;
import dev.wificall.firewall.fortios.FortiosRenderer;
import dev.wificall.firewall.iptables.IptablesRenderer;
import dev.wificall.firewall.junos.SrxRenderer;
import dev.wificall.firewall.mikrotik.MikrotikRenderer;
import dev.wificall.firewall.nft.NftRenderer;
import dev.wificall.firewall.panos.PanosRenderer;
import dev.wificall.firewall.pfsense.PfsenseRenderer;
import dev.wificall.firewall.terraform.TerraformRenderer;
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
    // id, the file name the firewall goal writes, the vendor package's dialect, names that tell the format
    /** Juniper SRX {@code set} commands ({@code load set}, or {@code show configuration | display set}). */
    SRX_SET("srx-set", "srx.set", SrxRenderer.SET, "*.set"),
    /** Juniper SRX hierarchical (curly-brace) configuration ({@code load merge}, or {@code show configuration}). */
    SRX_HIERARCHICAL("srx", "srx.conf", SrxRenderer.HIERARCHICAL, "*.conf", "*.junos"),
    /** An nftables ruleset for {@code nft -f}. */
    NFTABLES("nftables", "wificall.nft", NftRenderer.DIALECT, "*.nft"),
    /** iptables-save format (IPv4), for {@code iptables-restore --noflush}. */
    IPTABLES("iptables", "iptables.rules", IptablesRenderer.V4, "iptables"),
    /** ip6tables-save format (IPv6), for {@code ip6tables-restore --noflush}. */
    IP6TABLES("ip6tables", "ip6tables.rules", IptablesRenderer.V6, "ip6tables"),
    /** Cisco ASA configuration commands: network and service object-groups, an extended access-list. */
    CISCO_ASA("asa", "asa.txt", AsaRenderer.DIALECT, "asa.txt", "cisco-asa", "*.asa"),
    /** Palo Alto Networks PAN-OS {@code set} commands: applications ike and ipsec-esp-udp, an address-group per ePDG. */
    PAN_OS("panos", "panos.set", PanosRenderer.DIALECT, "panos", "pan-os", "paloalto", "palo-alto"),
    /** Fortinet FortiOS CLI: address, address6, addrgrp, addrgrp6, service custom and a firewall policy. */
    FORTIOS("fortios", "fortios.conf", FortiosRenderer.DIALECT, "fortios", "fortigate"),
    /** pfSense/OPNsense config.xml sections: an alias per ePDG, pass rules, outbound NAT static port for UDP/4500. */
    PFSENSE("pfsense", "pfsense-config.xml", PfsenseRenderer.DIALECT, "pfsense", "opnsense"),
    /** MikroTik RouterOS: /ip and /ipv6 firewall address-list and filter commands. */
    MIKROTIK("mikrotik", "mikrotik.rsc", MikrotikRenderer.DIALECT, "mikrotik", "routeros", "*.rsc"),
    /** Terraform for AWS: an aws_vpc_security_group_egress_rule per address and port; reads GCP's rules too. */
    TERRAFORM_AWS("terraform-aws", "wificall-aws.tf", TerraformRenderer.AWS, "*.tf"),
    /** Terraform for GCP: google_compute_firewall EGRESS rules, one per family; reads AWS's rules too. */
    TERRAFORM_GCP("terraform-gcp", "wificall-gcp.tf", TerraformRenderer.GCP, "gcp*.tf", "google*.tf");

    private final String id;
    private final String fileName;
    private final RulesDialect dialect;
    private final List<String> names;

    FirewallFormat(String id, String fileName, RulesDialect dialect, String... names) {
        this.id = id;
        this.fileName = fileName;
        this.dialect = dialect;
        this.names = List.of(names);
    }

    /** The short name for configuration: "srx-set", "srx", "nftables", "iptables", "ip6tables", "asa", ... */
    public String id() {
        return id;
    }

    /** The file the firewall goal writes this format to, e.g. "srx.set", "wificall.nft". */
    public String fileName() {
        return fileName;
    }

    /** The format for a short name, the constant's name or a vendor's other name ("opnsense", "fortigate"), ignoring case. */
    public static FirewallFormat of(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (FirewallFormat f : values()) {
            boolean otherName = f.names.contains(n) && n.indexOf('*') < 0;
            if (f.id.equals(n) || f.name().toLowerCase(Locale.ROOT).equals(n) || otherName) {
                return f;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a firewall format; expected one of "
                + Arrays.stream(values()).map(FirewallFormat::id).collect(Collectors.joining(", ")));
    }

    /**
     * The readable format a rules file's name shows. A name that names the tool or vendor (iptables,
     * ip6tables, ...) wins over an ending: {@code .set} Juniper set commands, {@code .conf} or
     * {@code .junos} Juniper hierarchical, {@code .nft} nftables, ...; empty when the name does not tell.
     */
    public static Optional<FirewallFormat> ofFileName(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        for (boolean named : new boolean[] {true, false}) {
            for (FirewallFormat f : values()) {
                if (f.parsable() && f.names.stream().anyMatch(h -> h.startsWith("*") != named && matches(n, h))) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** "*.set": the name ends so; "gcp*.tf": holds "gcp" and ends in ".tf"; "iptables": holds it. */
    private static boolean matches(String name, String hint) {
        int star = hint.indexOf('*');
        return star < 0 ? name.contains(hint)
                : name.contains(hint.substring(0, star)) && name.endsWith(hint.substring(star + 1));
    }

    /** Rules that allow UDP/500 and UDP/4500 to every address of these operators, and nowhere else. */
    public String render(List<EpdgAddresses> operators, RuleOptions options) {
        return dialect.render(new RulePlan(operators, options));
    }

    /** Whether {@link #parse} reads this format. */
    public boolean parsable() {
        return dialect.parsable();
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
        if (!parsable()) {
            throw new UnsupportedOperationException("wificall writes " + id + " rules but does not read them back;"
                    + " keep the rules in a format it reads: " + readableIds());
        }
        return dialect.parse(file, text);
    }

    /** The ids of the formats {@link #parse} reads, for messages: "srx-set, srx, nftables, ...". */
    public static String readableIds() {
        return Arrays.stream(values()).filter(FirewallFormat::parsable).map(FirewallFormat::id)
                .collect(Collectors.joining(", "));
    }

    /** Reads a file (UTF-8); findings name it as {@code file.toString()}. */
    public ParsedRules parse(Path file) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }
}
