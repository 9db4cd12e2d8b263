package dev.wificall.maven;

import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.AddressText;
import dev.wificall.dns.EpdgLookup.Resolution;
import dev.wificall.firewall.EpdgAddresses;
import dev.wificall.firewall.FirewallFormat;
import dev.wificall.firewall.RuleOptions;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.CheckTarget;
import dev.wificall.verdict.ReadinessCheck;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes firewall rules that allow UDP/500 and UDP/4500 to the addresses the operators' ePDG names
 * resolve to now, and nowhere else: Juniper SRX ({@code set} commands and the hierarchical form),
 * nftables, iptables-save, ip6tables-save, Cisco ASA, and on request PAN-OS, FortiOS, pfSense/OPNsense,
 * MikroTik RouterOS and Terraform (AWS, GCP). Discovery only; no IKE packet is sent. Keep
 * the output in the repository and let {@code check} with {@code <rulesFiles>} tell when it drifts.
 */
@Mojo(name = "firewall", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true, requiresProject = false)
public class FirewallMojo extends OperatorsMojo {

    /**
     * Comma-separated: {@code srx-set} (srx.set), {@code srx} (srx.conf), {@code nftables} (wificall.nft),
     * {@code iptables} (iptables.rules), {@code ip6tables} (ip6tables.rules), {@code asa} (asa.txt), {@code panos}
     * (panos.set), {@code fortios} (fortios.conf), {@code pfsense} (pfsense-config.xml, also for OPNsense),
     * {@code mikrotik} (mikrotik.rsc), {@code terraform-aws} (wificall-aws.tf), {@code terraform-gcp}
     * (wificall-gcp.tf). The default writes the first six.
     */
    @Parameter(property = "wificall.firewall.formats", defaultValue = "srx-set,srx,nftables,iptables,ip6tables,asa")
    String formats;

    /**
     * Where the rule files go: by default {@code target/wificall-firewall} in a project, and {@code ./wificall-firewall} when the goal runs
     * without a POM.
     */
    @Parameter(property = "wificall.firewall.outputDirectory")
    File outputDirectory;

    /** Juniper: the zone the phones are in. */
    @Parameter(property = "wificall.firewall.fromZone", defaultValue = "trust")
    String fromZone;

    /** Juniper: the zone towards the Internet. */
    @Parameter(property = "wificall.firewall.toZone", defaultValue = "untrust")
    String toZone;

    /** The policy's (and ASA access-list remark's) name. */
    @Parameter(property = "wificall.firewall.policyName", defaultValue = "allow-wifi-calling")
    String policyName;

    /** The address-set (object-group) of the ePDG addresses. */
    @Parameter(property = "wificall.firewall.addressSetName", defaultValue = "epdg-addresses")
    String addressSetName;

    /** Source prefixes the rules allow (the Wi-Fi networks), e.g. 192.0.2.0/24; none: any source. */
    @Parameter(property = "wificall.firewall.sources")
    List<String> sources;

    /**
     * nftables and iptables: make the file a complete default-drop firewall for a host (output) and
     * a router (forward), with replies and loopback allowed; off: the rules only allow.
     */
    @Parameter(property = "wificall.firewall.defaultDrop", defaultValue = "false")
    boolean defaultDrop;

    /** Skips writing the rules. */
    @Parameter(property = "wificall.firewall.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("wificall: firewall rules skipped (wificall.firewall.skip=true)");
            return;
        }
        outputDirectory = outputFolder(outputDirectory, "wificall-firewall");
        List<FirewallFormat> chosen = new ArrayList<>();
        for (String item : (formats == null ? "" : formats).split("[,\\s]+")) {
            if (!item.isBlank()) {
                try {
                    FirewallFormat f = FirewallFormat.of(item);
                    if (!chosen.contains(f)) {
                        chosen.add(f);
                    }
                } catch (IllegalArgumentException e) {
                    throw new MojoExecutionException("<formats>" + formats + "</formats> (property wificall.firewall.formats): "
                            + e.getMessage());
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new MojoExecutionException("<formats> is empty (property wificall.firewall.formats); expected e.g."
                    + " srx-set,nftables");
        }
        RuleOptions options = options();
        List<CheckTarget> given = new ArrayList<>();
        for (Operator o : allOperators()) {
            given.add(CheckTarget.of(o.selection(), CheckSettings.DEFAULTS));
        }
        // the names the operators' phones use: rules for the 3GPP name alone would block those phones
        List<SelectionInput> inputs = asPhonesSeeThem(given, false).stream().map(CheckTarget::operator).toList();
        ReadinessCheck check;
        try {
            check = new ReadinessCheck(CheckSettings.DEFAULTS.withDnsTimeout(duration("dnsTimeout", dnsTimeout))
                    .withDnsServers(servers()));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(resolverOrigin() + ": " + e.getMessage());
        }
        List<EpdgAddresses> found = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (SelectionInput input : inputs) {
            Resolution r = check.discover(input);
            if (!r.resolved() || r.outcome().usableAddresses().isEmpty()) {
                failed.add(ReadinessCheck.sentence(r));
                continue;
            }
            EpdgAddresses a = new EpdgAddresses(input.label(), r.used().fqdn(), r.outcome().usableAddresses());
            getLog().info("wificall: " + a.operator() + " " + a.fqdn() + " -> " + a.addresses().stream()
                    .map(AddressText::of).toList() + " (resolver " + r.outcome().resolver() + ")");
            found.add(a);
        }
        if (!failed.isEmpty()) {
            throw new MojoFailureException("no firewall rules written: " + failed.size() + " operator"
                    + (failed.size() == 1 ? "" : "s") + " did not resolve, and rules without their addresses would block"
                    + " Wi-Fi Calling:\n- " + String.join("\n- ", failed));
        }
        Path dir = outputDirectory.toPath();
        for (FirewallFormat f : chosen) {
            Path file = dir.resolve(f.fileName());
            try {
                Files.createDirectories(dir);
                Files.writeString(file, f.render(found, options), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MojoExecutionException("cannot write " + file + ": " + e.getMessage(), e);
            }
            getLog().info("wificall: " + f.id() + " rules " + file);
        }
    }

    private RuleOptions options() throws MojoExecutionException {
        RuleOptions o = RuleOptions.DEFAULTS.withDefaultDrop(defaultDrop);
        try {
            o = o.withZones(fromZone, toZone);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("<fromZone>" + fromZone + "</fromZone> / <toZone>" + toZone + "</toZone>: "
                    + e.getMessage());
        }
        try {
            o = o.withPolicyName(policyName);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(origin("firewall.policyName", policyName) + ": " + e.getMessage());
        }
        try {
            o = o.withAddressSetName(addressSetName);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(origin("firewall.addressSetName", addressSetName) + ": " + e.getMessage());
        }
        if (sources != null && !sources.isEmpty()) {
            try {
                o = o.withSources(sources);
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("<sources>" + String.join(", ", sources) + "</sources> (property"
                        + " wificall.firewall.sources): " + e.getMessage());
            }
        }
        return o;
    }
}
