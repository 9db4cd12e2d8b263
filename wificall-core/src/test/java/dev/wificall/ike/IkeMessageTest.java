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
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IkeMessageTest {
    static final InetSocketAddress LOCAL = new InetSocketAddress(address("192.0.2.1"), 50000);
    static final InetSocketAddress REMOTE = new InetSocketAddress(address("198.51.100.7"), 500);

    static SaInitRequest fixedRequest() {
        byte[] ke = new byte[64];
        Arrays.fill(ke, (byte) 0x22);
        byte[] nonce = new byte[32];
        Arrays.fill(nonce, (byte) 0x11);
        return new SaInitRequest(Samples.SPI_I, SaInitRequest.phoneProposals(), DhGroup.ECP_256, ke, nonce, new byte[0], LOCAL, REMOTE);
    }

    @Test
    void requestHeaderAndPayloadChainAreLaidOutPerRfc7296() {
        byte[] m = fixedRequest().encode(false);

        assertThat(m).hasSize(364);
        assertThat(HEX.formatHex(m, 0, 28)).isEqualTo(
                "0102030405060708" + "0000000000000000" + "21" + "20" + "22" + "08" + "00000000" + "0000016c");
        // generic headers: next payload, critical/reserved, length
        assertThat(HEX.formatHex(m, 28, 32)).as("SA, next KE").isEqualTo("220000a4");
        assertThat(HEX.formatHex(m, 192, 200)).as("KE, next Nonce; group 19").isEqualTo("2800004800130000");
        assertThat(HEX.formatHex(m, 264, 268)).as("Nonce, next NOTIFY").isEqualTo("29000024");
        assertThat(HEX.formatHex(m, 300, 308)).as("NAT_DETECTION_SOURCE_IP").isEqualTo("2900001c00004004");
        assertThat(HEX.formatHex(m, 328, 336)).as("NAT_DETECTION_DESTINATION_IP").isEqualTo("2900001c00004005");
        assertThat(HEX.formatHex(m, 356, 364)).as("IKEV2_FRAGMENTATION_SUPPORTED, last").isEqualTo("000000080000402e");
    }

    @Test
    void firstProposalIsAeadWithKeyLengthsAndThreeGroups() {
        byte[] m = fixedRequest().encode(false);

        assertThat(HEX.formatHex(m, 32, 104)).isEqualTo(""
                + "02000048" + "01010007"        // more proposals follow, 72 bytes, #1, IKE, no SPI, 7 transforms
                + "0300000c" + "01000014" + "800e0100"  // ENCR_AES_GCM_16, key length 256 (TV)
                + "0300000c" + "01000014" + "800e0080"  // ENCR_AES_GCM_16, key length 128
                + "03000008" + "02000005"        // PRF_HMAC_SHA2_256
                + "03000008" + "02000006"        // PRF_HMAC_SHA2_384
                + "03000008" + "04000013"        // DH 19
                + "03000008" + "04000014"        // DH 20
                + "00000008" + "0400000e");      // DH 14, last transform
        assertThat(HEX.formatHex(m, 104, 112)).as("last proposal, 88 bytes, #2, 9 transforms").isEqualTo("0000005802010009");
    }

    @Test
    void natDetectionHashesTheSocketEndpointsWithAZeroSpiR() throws Exception {
        byte[] m = fixedRequest().encode(false);

        byte[] source = sha1(HEX.parseHex("0102030405060708" + "0000000000000000" + "c0000201" + "c350"));
        byte[] destination = sha1(HEX.parseHex("0102030405060708" + "0000000000000000" + "c6336407" + "01f4"));
        assertThat(Arrays.copyOfRange(m, 308, 328)).isEqualTo(source);
        assertThat(Arrays.copyOfRange(m, 336, 356)).isEqualTo(destination);
    }

    @Test
    void nonEspMarkerPrecedesTheMessageOnUdp4500() throws Exception {
        byte[] plain = fixedRequest().encode(false);
        byte[] marked = fixedRequest().encode(true);

        assertThat(marked).hasSize(plain.length + 4).startsWith(0, 0, 0, 0);
        assertThat(Arrays.copyOfRange(marked, 4, marked.length)).isEqualTo(plain);
        assertThat(IkeMessage.decode(marked, marked.length, true).initiatorSpi()).isEqualTo(Samples.SPI_I);
    }

    @Test
    void requestRoundTripsThroughTheDecoder() throws Exception {
        IkeMessage sent = fixedRequest().message();
        byte[] wire = sent.encode();

        IkeMessage decoded = IkeMessage.decode(wire);

        assertThat(decoded).usingRecursiveComparison().isEqualTo(sent);
        assertThat(decoded.encode()).isEqualTo(wire);
        assertThat(decoded.payloads(SecurityAssociation.class).get(0).proposals().get(1).describe()).isEqualTo(
                "ENCR_AES_CBC 256, ENCR_AES_CBC 128, PRF_HMAC_SHA2_256, PRF_HMAC_SHA1, AUTH_HMAC_SHA2_256_128, "
                        + "AUTH_HMAC_SHA1_96, DH group 19, DH group 20, DH group 14");
    }

    @Test
    void cookieRetryPutsTheCookieFirstAndKeepsEverythingElse() throws Exception {
        SaInitRequest first = fixedRequest();
        byte[] cookie = HEX.parseHex("c0c0c0c0c0c0c0c0c0c0");

        IkeMessage retry = IkeMessage.decode(first.withCookie(cookie).encode(false));

        assertThat(retry.payloads().get(0)).usingRecursiveComparison().isEqualTo(Notify.of(Notify.COOKIE, cookie));
        assertThat(retry.payloads().subList(1, retry.payloads().size())).usingRecursiveComparison()
                .isEqualTo(first.message().payloads());
    }

    @Test
    void groupRetryCarriesAKeForTheNewGroup() throws Exception {
        SaInitRequest retry = fixedRequest().withGroup(DhGroup.MODP_2048, new java.security.SecureRandom());

        KeyExchange ke = IkeMessage.decode(retry.encode(false)).payloads(KeyExchange.class).get(0);

        assertThat(ke.group()).isEqualTo(14);
        assertThat(ke.data()).hasSize(256);
        assertThat(retry.spi()).isEqualTo(Samples.SPI_I);
    }

    @Test
    void decodesAHandBuiltResponse() throws Exception {
        IkeMessage m = IkeMessage.decode(Samples.response());

        assertThat(m.initiatorSpi()).isEqualTo(Samples.SPI_I);
        assertThat(m.responderSpi()).isEqualTo(Samples.SPI_R);
        assertThat(m.isResponse()).isTrue();
        assertThat(m.isInitiator()).isFalse();
        assertThat(m.exchangeType()).isEqualTo(IkeMessage.IKE_SA_INIT);
        assertThat(m.payloads()).extracting(IkePayload::type).containsExactly(33, 34, 40, 41, 43);
        Proposal p = m.payloads(SecurityAssociation.class).get(0).proposals().get(0);
        assertThat(p.transforms()).extracting(Transform::type, Transform::id, Transform::keyLength)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 20, 256),
                        org.assertj.core.groups.Tuple.tuple(2, 5, 0), org.assertj.core.groups.Tuple.tuple(4, 19, 0));
        assertThat(m.payloads(KeyExchange.class).get(0).group()).isEqualTo(19);
        assertThat(m.payloads(Nonce.class).get(0).data()).hasSize(32);
        assertThat(m.payloads(Notify.class)).extracting(Notify::name).containsExactly("IKEV2_FRAGMENTATION_SUPPORTED");
        assertThat(m.payloads(VendorId.class).get(0).data()).hasSize(16);
        assertThat(m.encode()).as("re-encodes to the same bytes").isEqualTo(Samples.response());
    }

    @Test
    void keepsUnknownPayloadsRawWithTheirCriticalBit() throws Exception {
        // header + unknown payload type 99 (critical), body "0102" + NOTIFY COOKIE of 4 bytes
        byte[] wire = HEX.parseHex("0102030405060708" + "a1a2a3a4a5a6a7a8" + "63" + "20" + "22" + "20" + "00000000" + "0000002e"
                + "29800006" + "0102" + "0000000c" + "00004006" + "c0015eed");

        IkeMessage m = IkeMessage.decode(wire);

        assertThat(m.payloads().get(0)).usingRecursiveComparison()
                .isEqualTo(new IkePayload.Unknown(99, true, new byte[] {1, 2}));
        assertThat(m.payloads(Notify.class).get(0).data()).isEqualTo(HEX.parseHex("c0015eed"));
        assertThat(m.encode()).isEqualTo(wire);
    }

    @Test
    void decodesCertificateRequestsAndNotifySpis() throws Exception {
        byte[] wire = HEX.parseHex("0102030405060708" + "a1a2a3a4a5a6a7a8" + "26" + "20" + "22" + "20" + "00000000" + "00000041"
                + "29000019" + "04" + "aa".repeat(20)
                + "0000000c" + "0304000b" + "11223344");   // INVALID_SPI for ESP, 4-byte SPI, no data

        IkeMessage m = IkeMessage.decode(wire);

        IkePayload.CertificateRequest c = m.payloads(IkePayload.CertificateRequest.class).get(0);
        assertThat(c.encoding()).isEqualTo(4);
        assertThat(c.authorities()).hasSize(20);
        Notify n = m.payloads(Notify.class).get(0);
        assertThat(n.protocolId()).isEqualTo(3);
        assertThat(n.spi()).isEqualTo(HEX.parseHex("11223344"));
        assertThat(n.name()).isEqualTo("INVALID_SPI");
        assertThat(n.isError()).isTrue();
    }

    private static byte[] sha1(byte[] input) throws Exception {
        return MessageDigest.getInstance("SHA-1").digest(input);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
