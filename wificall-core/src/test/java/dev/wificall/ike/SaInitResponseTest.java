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
import java.util.OptionalInt;
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
        assertThat(r.describe(request)).isEqualTo("IKE_SA_INIT response (248 bytes): aes256gcm16-prfsha256-ecp256; "
                + "NAT_DETECTION_SOURCE_IP, NAT_DETECTION_DESTINATION_IP, IKEV2_FRAGMENTATION_SUPPORTED; no NAT");
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
        SaInitResponse r = new SaInitResponse(m, wire.length);
        // charon uses kernel-libipsec, which requires UDP encapsulation: it fakes its source hash (force_encap)
        assertThat(r.describe(ours)).isEqualTo("IKE_SA_INIT response (256 bytes): "
                + "aes256gcm16-prfsha256-ecp256; NAT_DETECTION_SOURCE_IP, NAT_DETECTION_DESTINATION_IP, "
                + "IKEV2_FRAGMENTATION_SUPPORTED, CHILDLESS_IKEV2_SUPPORTED, MULTIPLE_AUTH_SUPPORTED; responder's "
                + "NAT_DETECTION_SOURCE_IP is not the hash of 10.77.0.2:500: it sits behind a NAT or forces UDP encapsulation");
        assertThat(r.kind()).isEqualTo(SaInitResponse.Kind.ACCEPTED);
        assertThat(r.selectedProposalText()).hasValue("aes256gcm16-prfsha256-ecp256");
        assertThat(r.keGroup()).hasValue(19);
        assertThat(r.fragmentationSupported()).isTrue();
        assertThat(r.signatureHashAlgorithms()).isEmpty();
        assertThat(r.vendorIds()).isEmpty();
        assertThat(r.certificateAuthorities()).isEmpty();
        assertThat(r.size()).isEqualTo(256);
        assertThat(r.natStatus(ours)).isEqualTo(new NatStatus(NatStatus.Local.UNCHANGED, OptionalInt.empty(),
                NatStatus.Responder.MISMATCH));
    }

    @Test
    void natOnOurSideIsReported() {
        SaInitResponse r = new SaInitResponse(response(accepted(true)), 248);

        assertThat(r.describe(request)).endsWith("; NAT_DETECTION_SOURCE_IP, NAT_DETECTION_DESTINATION_IP, "
                + "IKEV2_FRAGMENTATION_SUPPORTED; NAT on our side: the responder saw 192.0.2.1 with port 1024, not 50000");
        assertThat(r.natStatus(request).portSeen()).hasValue(1024);
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

        assertThat(detail).startsWith("IKE_SA_INIT response (400 bytes): aes256gcm16-prfsha256-ecp256 with a KE for ecp384"
                + " (not the group the SA selects); ").endsWith("; Vendor IDs " + "00".repeat(16) + ", " + "00".repeat(20)
                + "; CERTREQ for 1 CA 00000000...; no NAT");
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

        assertThat(r.kind()).isEqualTo(SaInitResponse.Kind.NO_PROPOSAL_CHOSEN);
        assertThat(r.describe(request)).isEqualTo("NO_PROPOSAL_CHOSEN");
        assertThat(r.selectedProposal()).isEmpty();
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

    @Test
    void otherErrorsAreErrors() {
        SaInitResponse r = new SaInitResponse(response(List.of(Notify.of(43, new byte[0]))), 36);

        assertThat(r.kind()).isEqualTo(SaInitResponse.Kind.ERROR);
        assertThat(r.describe(request)).isEqualTo("TEMPORARY_FAILURE");
        assertThat(r.notifyNames()).containsExactly("TEMPORARY_FAILURE");
    }

    @Test
    void capabilitiesAreStructured() {
        List<IkePayload> p = accepted(false);
        p.add(Notify.of(Notify.SIGNATURE_HASH_ALGORITHMS, HEX.parseHex("0002000300040005" + "0001" + "0009")));
        p.add(new VendorId(HEX.parseHex("882fe56d6fd20dbc2251613b2ebe5beb")));
        p.add(new VendorId("FLEXVPN-SUPPORTED".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        p.add(new VendorId(HEX.parseHex("0badc0de")));
        byte[] ca1 = HEX.parseHex("a1".repeat(20));
        byte[] ca2 = HEX.parseHex("b2".repeat(20));
        p.add(new IkePayload.CertificateRequest(4, concat(ca1, ca2)));

        SaInitResponse r = new SaInitResponse(response(p), 512);

        assertThat(r.selectedProposal().orElseThrow().transforms()).hasSize(3);
        assertThat(r.selectedProposalText()).hasValue("aes256gcm16-prfsha256-ecp256");
        assertThat(r.keGroup()).hasValue(19);
        assertThat(r.notifyNames()).containsExactly("NAT_DETECTION_SOURCE_IP", "NAT_DETECTION_DESTINATION_IP",
                "IKEV2_FRAGMENTATION_SUPPORTED", "SIGNATURE_HASH_ALGORITHMS");
        assertThat(r.fragmentationSupported()).isTrue();
        assertThat(r.signatureHashAlgorithms()).containsExactly(HashAlgorithm.SHA2_256, HashAlgorithm.SHA2_384,
                HashAlgorithm.SHA2_512, HashAlgorithm.IDENTITY, HashAlgorithm.SHA1, new HashAlgorithm(9));
        assertThat(r.signatureHashAlgorithms()).extracting(HashAlgorithm::name)
                .containsExactly("SHA2-256", "SHA2-384", "SHA2-512", "Identity", "SHA1", "hash algorithm 9");
        assertThat(r.vendorIds()).extracting(VendorId::describe).containsExactly("strongSwan", "Cisco FlexVPN", "0badc0de");
        assertThat(r.vendorIds().get(2).vendor()).isEmpty();
        assertThat(r.certificateAuthorities()).containsExactly("a1".repeat(20), "b2".repeat(20));
        assertThat(r.describe()).isEqualTo("IKE_SA_INIT response (512 bytes): aes256gcm16-prfsha256-ecp256; "
                + "NAT_DETECTION_SOURCE_IP, NAT_DETECTION_DESTINATION_IP, IKEV2_FRAGMENTATION_SUPPORTED, "
                + "SIGNATURE_HASH_ALGORITHMS; signature hashes SHA2-256, SHA2-384, SHA2-512, Identity, SHA1, hash algorithm 9; "
                + "Vendor IDs strongSwan, Cisco FlexVPN, 0badc0de; CERTREQ for 2 CAs a1a1a1a1..., b2b2b2b2...");
    }

    @Test
    void withoutFragmentationOrNatDetectionTheAnswerSaysSo() {
        List<IkePayload> p = accepted(false).subList(0, 3);
        SaInitResponse r = new SaInitResponse(response(p), 200);

        assertThat(r.fragmentationSupported()).isFalse();
        assertThat(r.natStatus(request).notSupported()).isTrue();
        assertThat(r.describe(request)).isEqualTo("IKE_SA_INIT response (200 bytes): aes256gcm16-prfsha256-ecp256; "
                + "no NAT detection in the answer");
    }

    @Test
    void missingKeAndSeveralProposalsAreNamed() {
        Proposal one = Proposal.ike(1, List.of(Transform.encr(12, 128), Transform.of(SecurityAssociation.PRF, 5),
                Transform.of(SecurityAssociation.INTEG, 12), Transform.of(SecurityAssociation.DH, 14)));
        Proposal two = Proposal.ike(2, one.transforms());
        SaInitResponse r = new SaInitResponse(response(List.of(new SecurityAssociation(List.of(one, two)))), 100);

        assertThat(r.describe()).isEqualTo("IKE_SA_INIT response (100 bytes): aes128-sha256-prfsha256-modp2048 but no KE"
                + " payload (2 proposals, expected 1)");
        assertThat(r.keGroup()).isEmpty();
    }

    @Test
    void payloadsThatBelongToLaterExchangesAreNamed() {
        List<IkePayload> p = accepted(false).subList(0, 3);
        p.add(IkePayload.Identification.fqdn(false, "epdg"));
        p.add(new IkePayload.Unknown(99, true, new byte[0]));
        SaInitResponse r = new SaInitResponse(response(p), 220);

        assertThat(r.describe()).isEqualTo("IKE_SA_INIT response (220 bytes): aes256gcm16-prfsha256-ecp256; "
                + "unexpected IDr payload; critical unknown payload type 99 payload");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
