package dev.wificall.firewall.pfsense;

import dev.wificall.firewall.AllowRule;
import dev.wificall.firewall.Destination;
import dev.wificall.firewall.Finding;
import dev.wificall.firewall.Ip;
import dev.wificall.firewall.ParsedRules;
import dev.wificall.firewall.RuleText;
import dev.wificall.firewall.RulesParser;
import dev.wificall.probe.IkePort;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Which destinations a pfSense or OPNsense {@code config.xml} lets UDP/500 and UDP/4500 out to: pass
 * rules of {@code <filter>} that are not disabled, with host, network and port aliases ({@code <aliases>},
 * and OPNsense's {@code OPNsense/Firewall/Alias}). Also tells when no outbound NAT rule keeps UDP/4500's
 * source port (static port). Read with the JDK's XML parser, DTDs and external entities refused. Not
 * judged: rule order, interfaces, floating rules' direction.
 */
final class PfsenseParser extends RulesParser {

    /** An element: name, the line it starts on, its text and children. */
    private record Node(String name, int line, StringBuilder text, List<Node> children) {
        Node child(String n) {
            return children.stream().filter(c -> c.name.equals(n)).findFirst().orElse(null);
        }

        String text(String n) {
            Node c = child(n);
            return c == null ? null : c.text.toString().strip();
        }

        List<Node> all(String... path) {
            List<Node> at = List.of(this);
            for (String p : path) {
                at = at.stream().flatMap(x -> x.children.stream()).filter(c -> c.name.equals(p)).toList();
            }
            return at;
        }
    }

    private final Map<String, Node> aliases = new LinkedHashMap<>();

    private PfsenseParser(String file, String text) {
        super(file, text);
    }

    static ParsedRules parse(String file, String text) {
        PfsenseParser p = new PfsenseParser(file, text);
        return p.rules(p.read(text));
    }

    private Node read(String text) {
        List<Node> stack = new ArrayList<>();
        Node[] root = new Node[1];
        DefaultHandler handler = new DefaultHandler() {
            private Locator locator;

            @Override
            public void setDocumentLocator(Locator l) {
                locator = l;
            }

            @Override
            public void startElement(String uri, String local, String qName, Attributes attributes) {
                Node n = new Node(qName, locator.getLineNumber(), new StringBuilder(), new ArrayList<>());
                if (stack.isEmpty()) {
                    root[0] = n;
                } else {
                    stack.get(stack.size() - 1).children().add(n);
                }
                stack.add(n);
            }

            @Override
            public void endElement(String uri, String local, String qName) {
                stack.remove(stack.size() - 1);
            }

            @Override
            public void characters(char[] ch, int start, int length) {
                stack.get(stack.size() - 1).text().append(ch, start, length);
            }
        };
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.newSAXParser().parse(new InputSource(new StringReader(text)), handler);
        } catch (SAXParseException e) {
            throw error(e.getLineNumber(), "expected a well-formed config.xml without a DOCTYPE: " + e.getMessage());
        } catch (SAXException | ParserConfigurationException | IOException e) {
            throw error(1, "expected a readable config.xml: " + e.getMessage());
        }
        if (!root[0].name().equals("pfsense") && !root[0].name().equals("opnsense")) {
            throw error(root[0].line(), "expected a pfSense or OPNsense config.xml, whose root element is <pfsense>"
                    + " or <opnsense>, not <" + root[0].name() + ">");
        }
        return root[0];
    }

    private ParsedRules rules(Node root) {
        for (Node a : root.all("aliases", "alias")) {
            aliases.put(a.text("name"), a);
        }
        for (Node a : root.all("OPNsense", "Firewall", "Alias", "aliases", "alias")) {
            aliases.put(a.text("name"), a);
        }
        List<AllowRule> out = new ArrayList<>();
        for (Node r : root.all("filter", "rule")) {
            String protocol = r.text("protocol") == null ? "any" : r.text("protocol");
            if (r.child("disabled") != null || !"pass".equals(r.text("type") == null ? "pass" : r.text("type"))
                    || !(protocol.equals("any") || protocol.equals("udp") || protocol.equals("tcp/udp"))) {
                continue;
            }
            Node to = r.child("destination");
            String port = to == null ? null : to.text("port");
            Set<IkePort> ports = port == null || port.isEmpty() ? EnumSet.allOf(IkePort.class)
                    : ports(port, r.line(), new HashSet<>());
            String address = to == null ? null : to.text("address");
            String v = r.text("ipprotocol") == null ? "inet" : r.text("ipprotocol");
            int version = v.equals("inet46") ? 0 : v.equals("inet6") ? 6 : 4;
            List<Destination> d = new ArrayList<>();
            if (to == null || to.child("any") != null) {
                d.addAll(RuleText.anyAddress("destination any", file, r.line()).stream()
                        .filter(x -> version == 0 || Ip.isV4(x.first()) == (version == 4)).toList());
            } else if (address != null) {
                d.addAll(destinations(address, r.line(), new HashSet<>()));
            } // else <network>: an interface's own net (lan, wanip), not the Internet
            if (to != null && to.child("not") != null) {
                String text = "not " + (address == null ? "any" : address);
                List<Destination> both = new ArrayList<>(Destination.complement(d, true, text, "not", file, r.line()));
                both.addAll(Destination.complement(d, false, text, "not", file, r.line()));
                d = both;
            }
            boolean portless = port == null || port.isEmpty();
            if (ports.isEmpty() || d.isEmpty() || (portless && protocol.equals("any") && (to == null || to.child("any") != null))) {
                continue; // a pass-everything rule without a port is not an IKE rule: as for the other formats
            }
            String descr = r.text("descr");
            out.add(new AllowRule(file, r.line(), "rule " + (descr == null || descr.isEmpty() ? "on " + r.text("interface")
                    : "\"" + descr + "\""), ports, d, aliases.containsKey(address) ? address : null, version));
        }
        // a rule per ePDG alias: a missing address goes to its ePDG's, whichever rule the check looks at
        String addTo = RuleText.addTo("alias", out.stream().map(AllowRule::addTo).filter(a -> a != null).toList());
        out.replaceAll(a -> new AllowRule(a.file(), a.line(), a.name(), a.ports(), a.destinations(),
                a.addTo() == null ? null : addTo, a.ipVersion()));
        List<Finding> findings = new ArrayList<>();
        boolean natT = out.stream().anyMatch(a -> a.ports().contains(IkePort.UDP_4500));
        String mode = root.all("nat", "outbound").stream().map(o -> o.text("mode")).filter(m -> m != null)
                .findFirst().orElse("automatic");
        if (natT && !mode.equals("disabled") && root.all("nat", "outbound", "rule").stream().noneMatch(this::keeps4500)) {
            findings.add(new Finding(Finding.Kind.INCOMPLETE, false, file + ": no outbound NAT rule keeps the source port"
                    + " of udp/4500 (static port), and the automatic rules keep it for udp/500 only; some ePDGs lose a"
                    + " phone's tunnel when the NAT rewrites it: add the <nat><outbound> rule with <staticnatport/> that"
                    + " wificall writes (Firewall > NAT > Outbound, hybrid, Static Port)", file, 0, null));
        }
        return new ParsedRules(List.of(file), out, findings);
    }

    /** An outbound NAT rule with static port for UDP (or any protocol) to port 4500 (or any port). */
    private boolean keeps4500(Node rule) {
        String protocol = rule.text("protocol") == null ? "any" : rule.text("protocol");
        String port = rule.text("dstport");
        return rule.child("disabled") == null && rule.child("staticnatport") != null && rule.child("nonat") == null
                && (protocol.equals("any") || protocol.contains("udp"))
                && (port == null || port.isEmpty() || ports(port, rule.line(), new HashSet<>()).contains(IkePort.UDP_4500));
    }

    private Set<IkePort> ports(String text, int line, Set<String> seen) {
        Node alias = aliases.get(text);
        if (alias != null) {
            Set<IkePort> out = EnumSet.noneOf(IkePort.class);
            if (seen.add(text)) {
                for (String item : items(alias)) {
                    out.addAll(ports(item, alias.line(), seen));
                }
            }
            return out;
        }
        Set<IkePort> p = RuleText.ikePorts(text, true);
        if (p == null) {
            throw error(line, "expected a port, a range 500:4500 or a port alias defined in the file, not '" + text + "'");
        }
        return p;
    }

    private List<Destination> destinations(String text, int line, Set<String> seen) {
        Node alias = aliases.get(text);
        if (alias != null) {
            List<Destination> out = new ArrayList<>();
            if (seen.add(text)) {
                for (String item : items(alias)) {
                    Destination d = RuleText.destination(item, "alias " + text, file, alias.line());
                    if (d != null) {
                        out.add(d);
                    } else if (aliases.containsKey(item)) {
                        out.addAll(destinations(item, alias.line(), seen));
                    } else if (item.contains(".")) {
                        out.add(Destination.dnsName(item, "alias " + text, file, alias.line()));
                    } else {
                        throw error(alias.line(), "alias " + text + ": expected addresses, prefixes, ranges, host names"
                                + " or other aliases, not '" + item + "'");
                    }
                }
            }
            return out;
        }
        Destination d = RuleText.destination(text, "destination", file, line);
        if (d == null) {
            throw error(line, "destination address '" + text + "' is neither an address, prefix or range nor an alias"
                    + " defined in the file");
        }
        return List.of(d);
    }

    /** pfSense keeps an alias's entries blank-separated in address, OPNsense line by line in content. */
    private static List<String> items(Node alias) {
        String text = alias.text("address") != null ? alias.text("address") : alias.text("content");
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
    }
}
