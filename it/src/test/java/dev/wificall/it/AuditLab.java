package dev.wificall.it;

import dev.wificall.ike.IkeProposals;
import dev.wificall.ike.SecurityAssociation;
import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The responders of it/lab/audit.sh, read from the responders.tsv it writes, and what each one's own
 * configuration allows: the oracle the audit's matrix is compared with. The matching rule is RFC
 * 7296 §2.7 (every transform type on either side needs a transform both sides have), written here
 * apart from the engine and the simulator, from the responders' configs, not from their answers.
 */
final class AuditLab {
    static final String DNS = "127.0.0.83:15383";
    static final Path RESPONDERS = Path.of(System.getenv().getOrDefault("WIFICALL_AUDIT_DIR", "/run/wificall-audit"),
            "responders.tsv");

    /** One row of responders.tsv. */
    record Responder(String name, String implementation, String ipv4, String ipv6, String proposals,
                     boolean initiatorOrderWins, Path log, String operator, String fqdn) {
        /** Its IPv4 and IPv6 address, each on UDP/500 and UDP/4500, as its operator's targets. */
        List<dev.wificall.audit.AuditTarget> targets() throws IOException {
            List<dev.wificall.audit.AuditTarget> out = new ArrayList<>();
            for (String a : List.of(ipv4, ipv6)) {
                for (dev.wificall.probe.IkePort p : dev.wificall.probe.IkePort.values()) {
                    out.add(new dev.wificall.audit.AuditTarget(dev.wificall.discovery.Plmn.parse(operator), fqdn,
                            new java.net.InetSocketAddress(java.net.InetAddress.getByName(a), p.number()), p));
                }
            }
            return out;
        }

        IkeProposals config() {
            return IkeProposals.parse(proposals);
        }

        /**
         * Whether the config accepts some proposal of {@code offer} (with the KE of the first group, or
         * after INVALID_KE_PAYLOAD with one of another group the offer has).
         */
        boolean accepts(IkeProposals offer) {
            for (Proposal o : offer.proposals()) {
                for (Proposal c : config().proposals()) {
                    if (matches(o, c)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * The group the responder picks from an offer of many: the responder's own order (its first
         * proposal that matches, its first group we offer) unless the initiator's order wins.
         */
        Optional<Integer> pick(IkeProposals offer) {
            if (initiatorOrderWins) {
                for (Proposal o : offer.proposals()) {
                    for (Proposal c : config().proposals()) {
                        if (matches(o, c)) {
                            return first(o, c);
                        }
                    }
                }
                return Optional.empty();
            }
            for (Proposal c : config().proposals()) {
                for (Proposal o : offer.proposals()) {
                    if (matches(o, c)) {
                        return first(c, o);
                    }
                }
            }
            return Optional.empty();
        }
    }

    private AuditLab() {
    }

    static List<Responder> responders() throws IOException {
        List<Responder> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(RESPONDERS, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            out.add(new Responder(f[0], f[1], f[2], f[3], f[4], f[5].equals("yes"), Path.of(f[6]), f[7], f[8]));
        }
        return out;
    }

    /** The first DH group of {@code order} that {@code other} has too. */
    private static Optional<Integer> first(Proposal order, Proposal other) {
        return order.transforms().stream().filter(t -> t.type() == SecurityAssociation.DH)
                .filter(t -> has(other, SecurityAssociation.DH, t.id())).map(Transform::id).findFirst();
    }

    private static boolean matches(Proposal a, Proposal b) {
        for (int type : new int[] {SecurityAssociation.ENCR, SecurityAssociation.PRF, SecurityAssociation.INTEG,
            SecurityAssociation.DH}) {
            List<Transform> ta = of(a, type);
            List<Transform> tb = of(b, type);
            if (ta.isEmpty() && tb.isEmpty()) {
                continue;
            }
            if (ta.stream().noneMatch(x -> tb.stream().anyMatch(y -> x.id() == y.id() && x.keyLength() == y.keyLength()))) {
                return false;
            }
        }
        return true;
    }

    private static List<Transform> of(Proposal p, int type) {
        return p.transforms().stream().filter(t -> t.type() == type && !(type == SecurityAssociation.INTEG && t.id() == 0))
                .toList();
    }

    private static boolean has(Proposal p, int type, int id) {
        return p.transforms().stream().anyMatch(t -> t.type() == type && t.id() == id);
    }
}
