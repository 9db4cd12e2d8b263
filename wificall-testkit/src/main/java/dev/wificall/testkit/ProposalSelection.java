package dev.wificall.testkit;

import dev.wificall.ike.SecurityAssociation;
import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A responder's choice among the proposals of an IKE_SA_INIT request (RFC 7296 §2.7, §3.3.6): the
 * first offered proposal that one of the accepted proposals matches, reduced to one transform of
 * each type, under the offered proposal's number.
 */
final class ProposalSelection {
    private ProposalSelection() {
    }

    /**
     * @param keGroup the group of the request's KE payload: among the groups both sides have it is
     *                taken first, so that a request whose KE already fits is not sent back with
     *                INVALID_KE_PAYLOAD
     */
    static Optional<Proposal> select(List<Proposal> offered, List<Proposal> accepted, int keGroup) {
        for (Proposal offer : offered) {
            if (offer.protocolId() != SecurityAssociation.PROTOCOL_IKE) {
                continue;
            }
            for (Proposal mine : accepted) {
                Optional<Proposal> match = match(offer, mine, keGroup);
                if (match.isPresent()) {
                    return match;
                }
            }
        }
        return Optional.empty();
    }

    /** The DH group of a selected proposal. */
    static int group(Proposal selected) {
        return selected.transforms().stream().filter(t -> t.type() == SecurityAssociation.DH).mapToInt(Transform::id)
                .findFirst().orElseThrow();
    }

    /** Every transform type on either side must have a transform both sides have. */
    private static Optional<Proposal> match(Proposal offer, Proposal mine, int keGroup) {
        TreeSet<Integer> types = new TreeSet<>();
        offer.transforms().stream().filter(ProposalSelection::counts).forEach(t -> types.add(t.type()));
        mine.transforms().stream().filter(ProposalSelection::counts).forEach(t -> types.add(t.type()));
        List<Transform> chosen = new ArrayList<>();
        for (int type : types) {
            List<Transform> common = offer.transforms().stream()
                    .filter(t -> t.type() == type && mine.transforms().stream().anyMatch(m -> same(t, m))).toList();
            if (common.isEmpty()) {
                return Optional.empty();
            }
            chosen.add(common.stream().filter(t -> type == SecurityAssociation.DH && t.id() == keGroup).findFirst()
                    .orElse(common.get(0)));
        }
        return Optional.of(Proposal.ike(offer.number(), chosen));
    }

    // an AEAD proposal may list integrity NONE (ID 0), which is the same as listing no integrity
    private static boolean counts(Transform t) {
        return !(t.type() == SecurityAssociation.INTEG && t.id() == 0);
    }

    private static boolean same(Transform a, Transform b) {
        return a.type() == b.type() && a.id() == b.id() && a.keyLength() == b.keyLength();
    }
}
