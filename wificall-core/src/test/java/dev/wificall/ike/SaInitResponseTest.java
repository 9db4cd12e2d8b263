package dev.wificall.ike;

import static dev.wificall.ike.Samples.HEX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.ike.IkePayload.KeyExchange;
import dev.wificall.ike.IkePayload.Nonce;
import dev.wificall.ike.IkePayload.Notify;
import dev.wificall.ike.IkePayload.VendorId;
import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SaInitResponseTest {
    private final SaInitRequest request = IkeMessageTest.fixedRequest();

    private IkeMessage response(List<IkePayload> payloads) {
        return new IkeMessage(request.spi(), Samples.SPI_R, 0x20, 34, IkeMessage.FLAG_RESPONSE, 0, payloads);
    }

    private List<IkePayload> accepted(boolean natOnOurSide) {
        List<IkePayload> p = new ArrayList<>();
        p.add(new SecurityAssociation(List.of(Proposal.ike(1, List.of(Transform.encr(20, 256),
                Transform.of(SecurityAssociation.PRF, 5), Transform.of(SecurityAssociation.DH, 19))))));
        p.add(new KeyExchange(19, new byte[64]));
        p.add(new Nonce(new byte[32]));
        p.add(Notify.of(Notify.NAT_DETECTION_SOURCE_IP, NatDetection.hash(request.spi(), Samples.SPI_R, request.remote())));
        InetSocketAddress seen = natOnOurSide
                ? new InetSocketAddress(request.local().getAddress(), 1024) : request.local();
        p.add(Notify.of(Notify.NAT_DETECTION_DESTINATION_IP, NatDetection.hash(request.spi(), Samples.SPI_R, seen)));
        p.add(Notify.of(Notify.IKEV2_FRAGMENTATION_SUPPORTED, new byte[0]));
        return p;
    }

    @Test
    void acceptedResponseNamesTheChosenTransformsAndNotifies() {
        SaInitResponse r = new SaInitResponse(response(accepted(false)), 248);

        assertThat(r.kind()).isEqualTo(SaInitResponse.Kind.ACCEPTED);
        assertThat(r.describe(request)).isEqualTo("IKE_SA_INIT response (248 bytes): ENCR_AES_GCM_16 256, PRF_HMAC_SHA2_256, "
                + "DH group 19; NAT_DETECTION_SOURCE_IP, NAT_DETECTION_DESTINATION_IP, IKEV2_FRAGMENTATION_SUPPORTED");
    }

    @Test
    void describesWhatARealStrongSwanAnswered() throws Exception {
        byte[] wire = Samples.strongSwanResponse();
        IkeMessage m = IkeMessage.decode(wire);
        SaInitRequest ours = new SaInitRequest(0x4d9fe7566d89b4b2L, SaInitRequest.phoneProposals(), DhGroup.ECP_256,
                new byte[64], new byte[32], new byte[0],
                new InetSocketAddress(InetAddress.getByName("10.77.0.1"), 42506),
                new InetSocketAddress(InetAddress.getByName("10.77.0.2"), 500));

        assertThat(ours.mismatch(m)).isEmpty();
        assertThat(m.encode()).isEqualTo(wire);
        // charon uses kernel-libipsec, which requires UDP encapsulation: it fakes its source hash (force_encap)
        assertThat(new SaInitResponse(m, wire.length).describe(ours)).isEqualTo("IKE_SA_INIT response (256 bytes): "
                + "ENCR_AES_GCM_16 256, PRF_HMAC_SHA2_256, DH group 19; NAT_DETECTION_SOURCE_IP, NAT_DETECTION_DESTINATION_IP, "
                + "IKEV2_FRAGMENTATION_SUPPORTED, CHILDLESS_IKEV2_SUPPORTED, MULTIPLE_AUTH_SUPPORTED; responder's "
                + "NAT_DETECTION_SOURCE_IP is not the hash of 10.77.0.2:500: it sits behind a NAT or forces UDP encapsulation");
    }

    @Test
    void natOnOurSideIsReported() {
        SaInitResponse r = new SaInitResponse(response(accepted(true)), 248);

        assertThat(r.describe(request)).endsWith("; NAT detected on our side: the responder saw another address or port than 192.0.2.1:50000");
    }

    @Test
    void aResponderThatClaimsANatIsReported() {
        List<IkePayload> p = accepted(false);
        p.set(3, Notify.of(Notify.NAT_DETECTION_SOURCE_IP, new byte[20]));

        assertThat(new SaInitResponse(response(p), 248).describe(request)).endsWith("; responder's NAT_DETECTION_SOURCE_IP "
                + "is not the hash of 198.51.100.7:500: it sits behind a NAT or forces UDP encapsulation");
    }

    @Test
    void vendorIdsCertificateRequestsAndGroupMismatchesAreCounted() {
        List<IkePayload> p = accepted(false);
        p.set(1, new KeyExchange(20, new byte[96]));
        p.add(new VendorId(new byte[16]));
        p.add(new VendorId(new byte[20]));
        p.add(new IkePayload.CertificateRequest(4, new byte[20]));

        String detail = new SaInitResponse(response(p), 400).describe(request);

        assertThat(detail).contains("DH group 20 (but the SA selects DH group 19)").endsWith("; 2 Vendor IDs; 1 CERTREQ");
    }

    @Test
    void invalidKeNamesTheWantedGroup() throws Exception {
        SaInitResponse r = new SaInitResponse(IkeMessage.decode(Samples.invalidKe()), 38);

        assertThat(r.kind()).isEqualTo(SaInitResponse.Kind.INVALID_KE);
        assertThat(r.requestedGroup()).hasValue(14);
        assertThat(r.describe(request)).isEqualTo("INVALID_KE_PAYLOAD: responder wants DH group 14");
    }

    @Test
    void noProposalChosen() {
        SaInitResponse r = new SaInitResponse(response(List.of(Notify.of(Notify.NO_PROPOSAL_CHOSEN, new byte[0]))), 36);

        assertThat(r.kind()).isEqualTo(SaInitResponse.Kind.ERROR);
        assertThat(r.describe(request)).isEqualTo("NO_PROPOSAL_CHOSEN");
    }

    @Test
    void cookieIsOfferedForTheRetry() {
        byte[] cookie = HEX.parseHex("00112233445566778899aabbccddeeff00112233");
        SaInitResponse r = new SaInitResponse(response(List.of(Notify.of(Notify.COOKIE, cookie))), 56);

        assertThat(r.kind()).isEqualTo(SaInitResponse.Kind.COOKIE);
        assertThat(r.cookie()).hasValue(cookie);
        assertThat(r.describe(request)).isEqualTo("COOKIE requested (20-byte cookie)");
    }

    @Test
    void answerWithoutSaSaysSo() {
        SaInitResponse r = new SaInitResponse(response(List.of(Notify.of(16407, new byte[] {1, 4, 10, 0, 0, 9, 0, 0}))), 44);

        assertThat(r.kind()).isEqualTo(SaInitResponse.Kind.OTHER);
        assertThat(r.describe(request)).isEqualTo("IKE_SA_INIT response (44 bytes) without SA payload; REDIRECT");
    }

    @Test
    void onlyOurAuthenticResponseMatches() {
        IkeMessage ok = response(accepted(false));
        assertThat(request.mismatch(ok)).isEmpty();

        assertThat(request.mismatch(new IkeMessage(42, 1, 0x20, 34, 0x20, 0, List.of())))
                .hasValue("an IKE message for another SA: SPIi 0x000000000000002a, ours is 0x0102030405060708");
        assertThat(request.mismatch(request.message()))
                .hasValue("an IKE request, not a response (flags 0x08)");
        assertThat(request.mismatch(new IkeMessage(request.spi(), 1, 0x20, 34, 0x28, 0, List.of())))
                .hasValue("an IKE response from the initiator's side (flags 0x28)");
        assertThat(request.mismatch(new IkeMessage(request.spi(), 1, 0x20, 37, 0x20, 0, List.of())))
                .hasValue("an INFORMATIONAL response, not IKE_SA_INIT");
        assertThat(request.mismatch(new IkeMessage(request.spi(), 1, 0x20, 34, 0x20, -1, List.of())))
                .hasValue("an IKE_SA_INIT response with message ID 4294967295, not 0");
    }
}
