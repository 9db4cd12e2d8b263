package dev.wificall.ike;

import dev.wificall.ike.IkePayload.CertificateRequest;
import dev.wificall.ike.IkePayload.KeyExchange;
import dev.wificall.ike.IkePayload.Nonce;
import dev.wificall.ike.IkePayload.Notify;
import dev.wificall.ike.IkePayload.VendorId;
import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * An authentic answer to an {@link SaInitRequest}, classified for the caller (and for a later retry),
 * with what it tells about the responder's capabilities, and described in words.
 *
 * @param size bytes of the datagram that carried it
 */
public record SaInitResponse(IkeMessage message, int size) {

    /** What the responder did with our request. */
    public enum Kind {
        /** It chose a proposal: SA present. */
        ACCEPTED,
        /** It asks to repeat the request with its cookie first (under load, or always). */
        COOKIE,
        /** It wants a KE for another DH group. */
        INVALID_KE,
        /** Another error notify than NO_PROPOSAL_CHOSEN, INVALID_KE_PAYLOAD. */
        ERROR,
        /** Neither SA nor an error, e.g. a REDIRECT. */
        OTHER,
        /** It accepts none of the proposals offered (NO_PROPOSAL_CHOSEN). */
        NO_PROPOSAL_CHOSEN
    }

    public Kind kind() {
        if (notify(Notify.COOKIE).isPresent()) {
            return Kind.COOKIE;
        }
        if (requestedGroup().isPresent()) {
            return Kind.INVALID_KE;
        }
        if (notify(Notify.NO_PROPOSAL_CHOSEN).isPresent()) {
            return Kind.NO_PROPOSAL_CHOSEN;
        }
        if (notifies().stream().anyMatch(Notify::isError)) {
            return Kind.ERROR;
        }
        return message.payloads(SecurityAssociation.class).isEmpty() ? Kind.OTHER : Kind.ACCEPTED;
    }

    /**
     * What makes this answer one a phone rejects, or empty when it is a valid answer to {@code request}:
     * an error notify, COOKIE, INVALID_KE_PAYLOAD, REDIRECT, or a success that carries SA (one proposal,
     * one we offered), KE (for the group we sent and the proposal chose) and a nonce
     * (RFC 7296 §1.2, §2.7, §3.3, §3.4, §3.9). The text names what is wrong: "an IKE_SA_INIT response without a KE payload".
     */
    public Optional<String> problem(SaInitRequest request) {
        Kind kind = kind();
        if (kind != Kind.ACCEPTED && kind != Kind.OTHER) {
            return Optional.empty();
        }
        if (kind == Kind.OTHER) {
            if (notify(Notify.REDIRECT).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(message.payloads().isEmpty() ? "an IKE_SA_INIT response with no payloads at all"
                    : "an IKE_SA_INIT response without an SA payload or an error notify (it sent " + payloadNames() + ")");
        }
        List<SecurityAssociation> sas = message.payloads(SecurityAssociation.class);
        if (sas.size() != 1 || sas.get(0).proposals().size() != 1) {
            int n = sas.stream().mapToInt(sa -> sa.proposals().size()).sum();
            return Optional.of("an IKE_SA_INIT response with " + n + " proposals in " + sas.size() + " SA payload" + (sas.size() == 1 ? "" : "s")
                    + " (a responder chooses exactly one)");
        }
        Proposal chosen = sas.get(0).proposals().get(0);
        if (request.proposals().stream().noneMatch(offered -> offered.transforms().containsAll(chosen.transforms()))) {
            return Optional.of("an IKE_SA_INIT response that chose a proposal we did not offer (" + chosen.describe() + ")");
        }
        if (request.proposals().stream().noneMatch(offered -> offered.number() == chosen.number()
                && offered.transforms().containsAll(chosen.transforms()))) {
            return Optional.of("an IKE_SA_INIT response that chose " + chosen.describe() + " under proposal number "
                    + chosen.number() + ", which is not the number of the offered proposal that has it (RFC 7296 §3.3.1)");
        }
        List<KeyExchange> kes = message.payloads(KeyExchange.class);
        if (kes.isEmpty()) {
            return Optional.of("an IKE_SA_INIT response without a KE payload");
        }
        if (message.payloads(Nonce.class).isEmpty()) {
            return Optional.of("an IKE_SA_INIT response without a Nonce payload");
        }
        // RFC 7296 §1.2: one each; a phone takes no answer that carries several
        int nonces = message.payloads(Nonce.class).size();
        if (kes.size() > 1 || nonces > 1) {
            return Optional.of(kes.size() > 1 ? "an IKE_SA_INIT response with " + kes.size() + " KE payloads (a responder sends one)"
                    : "an IKE_SA_INIT response with " + nonces + " Nonce payloads (a responder sends one)");
        }
        KeyExchange ke = kes.get(0);
        OptionalInt chosenGroup = chosen.transforms().stream().filter(t -> t.type() == SecurityAssociation.DH)
                .mapToInt(SecurityAssociation.Transform::id).findFirst();
        if (chosenGroup.isPresent() && chosenGroup.getAsInt() != ke.group()) {
            return Optional.of("an IKE_SA_INIT response with a KE for DH group " + ke.group() + " while its proposal chose group "
                    + chosenGroup.getAsInt());
        }
        if (ke.group() != request.group().id()) {
            return Optional.of("an IKE_SA_INIT response with a KE for DH group " + ke.group() + " although we sent ours for group "
                    + request.group().id() + " (a responder that wants another group answers INVALID_KE_PAYLOAD)");
        }
        // KE and nonce sizes: IkeReader refuses wrong ones while decoding (IkePayload)
        return Optional.empty();
    }

    /** "N(NAT_DETECTION_SOURCE_IP), Nonce", at most a handful named. */
    private String payloadNames() {
        List<String> names = message.payloads().stream().map(p -> p instanceof Notify n ? "N(" + n.name() + ")"
                : p.getClass().getSimpleName()).distinct().toList();
        return names.size() <= 6 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 6)) + " and " + (names.size() - 6) + " more kinds";
    }

    /** The cookie to echo, when the responder sent one. */
    public Optional<byte[]> cookie() {
        return notify(Notify.COOKIE).map(Notify::data);
    }

    /** The DH group an INVALID_KE_PAYLOAD asks for. */
    public OptionalInt requestedGroup() {
        return notify(Notify.INVALID_KE_PAYLOAD)
                .map(n -> OptionalInt.of(Byte.toUnsignedInt(n.data()[0]) << 8 | Byte.toUnsignedInt(n.data()[1])))
                .orElse(OptionalInt.empty());
    }

    /** The proposal the responder chose: the first of its SA payload. */
    public Optional<Proposal> selectedProposal() {
        return message.payloads(SecurityAssociation.class).stream().findFirst().map(sa -> sa.proposals().get(0));
    }

    /** The chosen proposal in strongSwan syntax, e.g. "aes256gcm16-prfsha256-ecp256". */
    public Optional<String> selectedProposalText() {
        return selectedProposal().map(IkeProposals::describe);
    }

    /** The DH group of the responder's KE payload. */
    public OptionalInt keGroup() {
        return message.payloads(KeyExchange.class).stream().mapToInt(KeyExchange::group).findFirst();
    }

    /** Every notify, in message order. */
    public List<Notify> notifies() {
        return message.payloads(Notify.class);
    }

    /** The IANA name of every notify, in message order, e.g. "IKEV2_FRAGMENTATION_SUPPORTED". */
    public List<String> notifyNames() {
        return notifies().stream().map(Notify::name).collect(Collectors.toList());
    }

    /** The responder supports IKEv2 fragmentation (RFC 7383): large IKE_AUTH answers survive IP-fragment filters. */
    public boolean fragmentationSupported() {
        return notify(Notify.IKEV2_FRAGMENTATION_SUPPORTED).isPresent();
    }

    /** The hash algorithms of SIGNATURE_HASH_ALGORITHMS (RFC 7427), in the responder's order; empty without it. */
    public List<HashAlgorithm> signatureHashAlgorithms() {
        List<HashAlgorithm> hashes = new ArrayList<>();
        notify(Notify.SIGNATURE_HASH_ALGORITHMS).ifPresent(n -> {
            byte[] d = n.data();
            for (int i = 0; i + 1 < d.length; i += 2) {
                hashes.add(new HashAlgorithm(Byte.toUnsignedInt(d[i]) << 8 | Byte.toUnsignedInt(d[i + 1])));
            }
        });
        return hashes;
    }

    /** The Vendor ID payloads; each knows its vendor when it is a well-known one. */
    public List<VendorId> vendorIds() {
        return message.payloads(VendorId.class);
    }

    /** The SHA-1 key hashes (hex) of the CAs the responder trusts, from its X.509 CERTREQ payloads. */
    public List<String> certificateAuthorities() {
        return message.payloads(CertificateRequest.class).stream().flatMap(c -> c.authorityHashes().stream())
                .collect(Collectors.toList());
    }

    /** What the NAT detection hashes say about both sides of the path to the responder. */
    public NatStatus natStatus(SaInitRequest request) {
        return NatStatus.of(message, request);
    }

    /**
     * What the responder said, without NAT detection (which needs the request), e.g. "IKE_SA_INIT
     * response (256 bytes): aes256gcm16-prfsha256-ecp256; NAT_DETECTION_SOURCE_IP,
     * NAT_DETECTION_DESTINATION_IP, IKEV2_FRAGMENTATION_SUPPORTED; Vendor ID strongSwan",
     * "INVALID_KE_PAYLOAD: responder wants DH group 14", "NO_PROPOSAL_CHOSEN" or "COOKIE requested
     * (20-byte cookie)".
     */
    public String describe() {
        switch (kind()) {
            case COOKIE:
                return "COOKIE requested (" + cookie().orElseThrow().length + "-byte cookie)";
            case INVALID_KE:
                return "INVALID_KE_PAYLOAD: responder wants DH group " + requestedGroup().orElseThrow();
            case NO_PROPOSAL_CHOSEN:
            case ERROR:
                return notifies().stream().filter(Notify::isError).map(Notify::name).collect(Collectors.joining(", "));
            default:
                break;
        }
        List<String> parts = new ArrayList<>();
        String head = "IKE_SA_INIT response (" + size + " bytes)";
        parts.add(selectedProposal().isEmpty() ? head + " without SA payload" : head + ": " + chosen());
        if (!notifies().isEmpty()) {
            parts.add(String.join(", ", notifyNames()));
        }
        List<HashAlgorithm> hashes = signatureHashAlgorithms();
        if (!hashes.isEmpty()) {
            parts.add("signature hashes " + hashes.stream().map(HashAlgorithm::name).collect(Collectors.joining(", ")));
        }
        if (!vendorIds().isEmpty()) {
            parts.add((vendorIds().size() == 1 ? "Vendor ID " : "Vendor IDs ")
                    + vendorIds().stream().map(VendorId::describe).collect(Collectors.joining(", ")));
        }
        for (CertificateRequest c : message.payloads(CertificateRequest.class)) {
            parts.add(certificateRequest(c));
        }
        for (IkePayload p : message.payloads()) {
            if (p instanceof IkePayload.Unknown) {
                IkePayload.Unknown u = (IkePayload.Unknown) p;
                parts.add((u.critical() ? "critical " : "") + "unknown " + IkeNames.payload(u.type()) + " payload");
            } else if (p.type() != IkePayload.SA && p.type() != IkePayload.KE && p.type() != IkePayload.NONCE
                    && p.type() != IkePayload.NOTIFY && p.type() != IkePayload.VENDOR_ID && p.type() != IkePayload.CERTREQ) {
                // decoded, but an IKE_AUTH or INFORMATIONAL payload has no place in IKE_SA_INIT
                parts.add("unexpected " + IkeNames.payload(p.type()) + " payload");
            }
        }
        return String.join("; ", parts);
    }

    /**
     * {@link #describe()} and, for an accepting answer, what NAT detection says about the path
     * between the request's endpoints, e.g. "...; no NAT" or "...; responder's
     * NAT_DETECTION_SOURCE_IP is not the hash of 10.77.0.2:500: it sits behind a NAT or forces UDP
     * encapsulation".
     */
    public String describe(SaInitRequest request) {
        Kind kind = kind();
        NatStatus nat = kind == Kind.ACCEPTED || kind == Kind.OTHER ? natStatus(request) : null;
        // an answer without SA (a REDIRECT) is no place to miss NAT detection
        if (nat == null || kind == Kind.OTHER && nat.notSupported()) {
            return describe();
        }
        return describe() + "; " + nat.describe(request);
    }

    private String chosen() {
        SecurityAssociation sa = message.payloads(SecurityAssociation.class).get(0);
        Proposal p = sa.proposals().get(0);
        StringBuilder text = new StringBuilder(IkeProposals.describe(p));
        OptionalInt saGroup = p.transforms().stream().filter(t -> t.type() == SecurityAssociation.DH)
                .mapToInt(Transform::id).findFirst();
        OptionalInt ke = keGroup();
        if (ke.isEmpty()) {
            text.append(" but no KE payload");
        } else if (saGroup.isEmpty() || saGroup.getAsInt() != ke.getAsInt()) {
            text.append(" with a KE for ").append(ProposalKeywords.keyword(Transform.of(SecurityAssociation.DH, ke.getAsInt())))
                    .append(saGroup.isEmpty() ? " (the SA selects no DH group)" : " (not the group the SA selects)");
        }
        if (sa.proposals().size() > 1) {
            text.append(" (").append(sa.proposals().size()).append(" proposals, expected 1)");
        }
        return text.toString();
    }

    private static String certificateRequest(CertificateRequest c) {
        List<String> hashes = c.authorityHashes();
        if (!c.x509()) {
            return "CERTREQ for " + c.encodingName();
        }
        if (hashes.isEmpty()) {
            return "CERTREQ for any CA";
        }
        // 8 hex digits tell CAs apart in one line; certificateAuthorities() has them whole
        return "CERTREQ for " + hashes.size() + (hashes.size() == 1 ? " CA " : " CAs ")
                + hashes.stream().map(h -> h.substring(0, 8) + "...").collect(Collectors.joining(", "));
    }

    private Optional<Notify> notify(int type) {
        return notifies().stream().filter(n -> n.notifyType() == type).findFirst();
    }
}
