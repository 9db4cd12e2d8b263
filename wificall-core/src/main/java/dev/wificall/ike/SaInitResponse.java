package dev.wificall.ike;

import dev.wificall.dns.AddressText;
import dev.wificall.ike.IkePayload.KeyExchange;
import dev.wificall.ike.IkePayload.Notify;
import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * An authentic answer to an {@link SaInitRequest}, classified for the caller (and for a later retry)
 * and described in words.
 *
 * @param size bytes of the datagram that carried it
 */
public record SaInitResponse(IkeMessage message, int size) {

    /** What the responder did with our request. */
    public enum Kind {
        /** It chose a proposal: SA and KE present. */
        ACCEPTED,
        /** It asks to repeat the request with its cookie first (under load, or always). */
        COOKIE,
        /** It wants a KE for another DH group. */
        INVALID_KE,
        /** Another error notify, e.g. NO_PROPOSAL_CHOSEN. */
        ERROR,
        /** Neither SA nor an error, e.g. a REDIRECT. */
        OTHER
    }

    public Kind kind() {
        if (notify(Notify.COOKIE).isPresent()) {
            return Kind.COOKIE;
        }
        if (requestedGroup().isPresent()) {
            return Kind.INVALID_KE;
        }
        if (notifies().stream().anyMatch(Notify::isError)) {
            return Kind.ERROR;
        }
        return message.payloads(SecurityAssociation.class).isEmpty() ? Kind.OTHER : Kind.ACCEPTED;
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

    /**
     * What the responder said, e.g. "IKE_SA_INIT response (248 bytes): ENCR_AES_GCM_16 256,
     * PRF_HMAC_SHA2_256, DH group 19; NAT_DETECTION_SOURCE_IP, NAT_DETECTION_DESTINATION_IP",
     * "INVALID_KE_PAYLOAD: responder wants DH group 14", "NO_PROPOSAL_CHOSEN" or "COOKIE requested".
     * NAT detection is checked against the request's endpoints.
     */
    public String describe(SaInitRequest request) {
        switch (kind()) {
            case COOKIE:
                return "COOKIE requested (" + cookie().orElseThrow().length + "-byte cookie)";
            case INVALID_KE:
                return "INVALID_KE_PAYLOAD: responder wants DH group " + requestedGroup().orElseThrow();
            case ERROR:
                return notifies().stream().filter(Notify::isError).map(Notify::name).collect(Collectors.joining(", "));
            default:
                break;
        }
        List<String> parts = new ArrayList<>();
        List<SecurityAssociation> sas = message.payloads(SecurityAssociation.class);
        String head = "IKE_SA_INIT response (" + size + " bytes)";
        if (sas.isEmpty()) {
            parts.add(head + " without SA payload");
        } else {
            parts.add(head + ": " + chosen(sas.get(0)));
        }
        if (!notifies().isEmpty()) {
            parts.add(notifies().stream().map(Notify::name).collect(Collectors.joining(", ")));
        }
        count(parts, IkePayload.VendorId.class, "Vendor ID");
        count(parts, IkePayload.CertificateRequest.class, "CERTREQ");
        message.payloads(IkePayload.Unknown.class).forEach(u ->
                parts.add((u.critical() ? "critical " : "") + "unknown " + IkeNames.payload(u.type()) + " payload"));
        if (!request.natHashMatches(message, Notify.NAT_DETECTION_DESTINATION_IP, request.local())) {
            parts.add("NAT detected on our side: the responder saw another address or port than " + AddressText.of(request.local()));
        }
        if (!request.natHashMatches(message, Notify.NAT_DETECTION_SOURCE_IP, request.remote())) {
            // strongSwan fakes this hash on purpose when it wants ESP in UDP (force_encap, kernel-libipsec)
            parts.add("responder's NAT_DETECTION_SOURCE_IP is not the hash of " + AddressText.of(request.remote())
                    + ": it sits behind a NAT or forces UDP encapsulation");
        }
        return String.join("; ", parts);
    }

    private String chosen(SecurityAssociation sa) {
        Proposal p = sa.proposals().get(0);
        String transforms = p.transforms().stream().filter(t -> t.type() != SecurityAssociation.DH)
                .map(Transform::describe).collect(Collectors.joining(", "));
        OptionalInt saGroup = p.transforms().stream().filter(t -> t.type() == SecurityAssociation.DH)
                .mapToInt(Transform::id).findFirst();
        List<KeyExchange> kes = message.payloads(KeyExchange.class);
        String dh;
        if (kes.isEmpty()) {
            dh = saGroup.isPresent() ? "DH group " + saGroup.getAsInt() + ", but no KE payload" : "no DH group, no KE payload";
        } else {
            int keGroup = kes.get(0).group();
            dh = "DH group " + keGroup + (saGroup.isPresent() && saGroup.getAsInt() != keGroup
                    ? " (but the SA selects DH group " + saGroup.getAsInt() + ")" : "");
        }
        String extra = sa.proposals().size() > 1 ? " (" + sa.proposals().size() + " proposals, expected 1)" : "";
        return (transforms.isEmpty() ? dh : transforms + ", " + dh) + extra;
    }


    private List<Notify> notifies() {
        return message.payloads(Notify.class);
    }

    private Optional<Notify> notify(int type) {
        return notifies().stream().filter(n -> n.notifyType() == type).findFirst();
    }

    private void count(List<String> parts, Class<? extends IkePayload> kind, String name) {
        int n = message.payloads(kind).size();
        if (n > 0) {
            parts.add(n + " " + name + (n == 1 ? "" : "s"));
        }
    }
}
