package dev.wificall.ike;

import static dev.wificall.ike.Samples.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.wificall.ike.IkePayload.Authentication;
import dev.wificall.ike.IkePayload.Certificate;
import dev.wificall.ike.IkePayload.ConfigAttribute;
import dev.wificall.ike.IkePayload.Configuration;
import dev.wificall.ike.IkePayload.Delete;
import dev.wificall.ike.IkePayload.Eap;
import dev.wificall.ike.IkePayload.Identification;
import dev.wificall.ike.IkePayload.Notify;
import dev.wificall.ike.IkePayload.TrafficSelector;
import dev.wificall.ike.IkePayload.TrafficSelectors;
import dev.wificall.ike.MalformedIkeException.Reason;
import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/**
 * The payloads of IKE_AUTH and INFORMATIONAL (RFC 7296 §3.5 to §3.16, RFC 7651): golden bytes written by
 * hand from the RFC layouts, round trips, and what each decoder refuses.
 */
class IkeAuthPayloadsTest {
    private static final int IKE_AUTH = 35;
    private static final int INFORMATIONAL = 37;
    private static final String NAI = "0262011234567890@nai.epc.mnc001.mcc262.3gppnetwork.org";

    /** Header of IKE_AUTH request 1 from the initiator; first payload and length patched in. */
    private static String header(int firstPayload, int length) {
        return "0102030405060708" + "a1a2a3a4a5a6a7a8" + String.format("%02x", firstPayload) + "20" + "23" + "08"
                + "00000001" + String.format("%08x", length);
    }

    private static IkeMessage request(int exchange, List<IkePayload> payloads) {
        return new IkeMessage(Samples.SPI_I, Samples.SPI_R, IkeMessage.VERSION_2_0, exchange, IkeMessage.FLAG_INITIATOR, 1, payloads);
    }

    /** Encodes {@code payload} alone, checks the bytes from its generic header on, and decodes them back. */
    private static <T extends IkePayload> T golden(T payload, String payloadHex) throws MalformedIkeException {
        byte[] expected = HEX.parseHex(header(payload.type(), 28 + payloadHex.length() / 2) + payloadHex);

        assertThat(HEX.formatHex(request(IKE_AUTH, List.of(payload)).encode())).isEqualTo(HEX.formatHex(expected));
        IkeMessage decoded = IkeMessage.decode(expected);
        assertThat(decoded.payloads()).singleElement().usingRecursiveComparison().isEqualTo(payload);
        assertThat(decoded.encode()).isEqualTo(expected);
        @SuppressWarnings("unchecked")
        T again = (T) decoded.payloads().get(0);
        return again;
    }

    /** A message whose only payload, at offset 28, is {@code type} with {@code bodyHex} after the generic header. */
    private static byte[] single(int type, String bodyHex) {
        int length = 4 + bodyHex.length() / 2;
        return HEX.parseHex(header(type, 28 + length) + String.format("0000%04x", length) + bodyHex);
    }

    private static void rejects(byte[] message, Reason reason, int offset, String text) {
        assertThatThrownBy(() -> IkeMessage.decode(message)).isInstanceOf(MalformedIkeException.class)
                .hasMessage(text)
                .satisfies(e -> assertThat(((MalformedIkeException) e).reason()).isEqualTo(reason))
                .satisfies(e -> assertThat(((MalformedIkeException) e).offset()).isEqualTo(offset));
    }

    private static String ascii(String s) {
        return HEX.formatHex(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    // ---- ID ----

    @Test
    void idiCarriesTheNaiAsRfc822Address() throws Exception {
        Identification idi = Identification.rfc822(true, NAI);

        // generic header, ID type 3, three reserved bytes, the NAI without terminator
        Identification decoded = golden(idi, String.format("0000%04x", 8 + NAI.length()) + "03000000" + ascii(NAI));
        assertThat(decoded.type()).isEqualTo(35);
        assertThat(decoded.initiator()).isTrue();
        assertThat(decoded.text()).isEqualTo(NAI);
        assertThat(decoded.idTypeName()).isEqualTo("ID_RFC822_ADDR");
        // IDi' of RFC 7296 §2.15: what the AUTH payload covers, without the generic header
        assertThat(HEX.formatHex(idi.body())).isEqualTo("03000000" + ascii(NAI));
    }

    @Test
    void idrCarriesTheApnAsFqdn() throws Exception {
        Identification idr = golden(Identification.fqdn(false, "ims"), "0000000b" + "02000000" + "696d73");

        assertThat(idr.type()).isEqualTo(36);
        assertThat(idr.text()).isEqualTo("ims");
    }

    @Test
    void addressesAndDistinguishedNamesReadAsText() throws Exception {
        assertThat(golden(new Identification(false, Identification.ID_IPV4_ADDR, HEX.parseHex("c0000201")),
                "0000000c" + "01000000" + "c0000201").text()).isEqualTo("192.0.2.1");
        assertThat(new Identification(false, Identification.ID_IPV6_ADDR, HEX.parseHex("20010db8" + "00".repeat(11) + "01"))
                .text()).isEqualTo("2001:db8::1");
        byte[] dn = new X500Principal("CN=epdg.epc.mnc001.mcc262.pub.3gppnetwork.org, O=Operator, C=DE").getEncoded();
        Identification byDn = golden(new Identification(false, Identification.ID_DER_ASN1_DN, dn),
                String.format("0000%04x", 8 + dn.length) + "09000000" + HEX.formatHex(dn));
        assertThat(byDn.text()).isEqualTo("CN=epdg.epc.mnc001.mcc262.pub.3gppnetwork.org,O=Operator,C=DE");
        assertThat(new Identification(true, Identification.ID_DER_ASN1_DN, HEX.parseHex("3003")).text()).isEqualTo("3003");
        assertThat(new Identification(true, Identification.ID_KEY_ID, HEX.parseHex("cafe")).text()).isEqualTo("cafe");
    }

    @Test
    void reservedBytesAreIgnoredOnReceipt() throws Exception {
        Identification id = IkeMessage.decode(single(36, "02ffffff" + "696d73")).payloads(Identification.class).get(0);

        assertThat(id.text()).isEqualTo("ims");
        assertThat(HEX.formatHex(id.body())).isEqualTo("02000000696d73");
    }

    @Test
    void identificationThatCannotBeRight() {
        rejects(single(35, "01000000" + "0a0000"), Reason.BAD_PAYLOAD, 28,
                "bad IDi payload at offset 28: ID_IPV4_ADDR data is 3 bytes, expected a 4-byte address");
        rejects(single(36, "05000000" + "00".repeat(4)), Reason.BAD_PAYLOAD, 28,
                "bad IDr payload at offset 28: ID_IPV6_ADDR data is 4 bytes, expected a 16-byte address");
        rejects(single(36, "02000000"), Reason.BAD_PAYLOAD, 28, "bad IDr payload at offset 28: empty ID_FQDN");
        rejects(single(36, "02000000" + "696d7300"), Reason.BAD_PAYLOAD, 28, "bad IDr payload at offset 28: "
                + "ID_FQDN holds control character 0x00 at index 3, RFC 7296 allows no terminators");
        rejects(single(35, "00000000" + "01"), Reason.BAD_PAYLOAD, 28, "bad IDi payload at offset 28: ID type 0 is reserved");
        rejects(single(35, "0300"), Reason.TRUNCATED, 33, "truncated IDi reserved at offset 33: needs 3 bytes but 1 remain");
    }

    @Test
    void factoriesRefuseWhatTheDecoderRefuses() {
        assertThatThrownBy(() -> Identification.fqdn(false, "ims\r\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ID_FQDN holds control character 0x0d at index 3, RFC 7296 allows no terminators: \"ims\r\n\"");
        assertThatThrownBy(() -> Identification.fqdn(false, "bücher.example"))
                .hasMessageContaining("ID_FQDN holds non-ASCII byte 0xc3 at index 1");
        assertThatThrownBy(() -> Identification.rfc822(true, "")).hasMessage("empty ID_RFC822_ADDR: \"\"");
    }

    // ---- CERT, AUTH, EAP ----

    @Test
    void certificateKeepsItsDerBytes() throws Exception {
        Certificate c = golden(new Certificate(Certificate.X509_SIGNATURE, HEX.parseHex("308201")),
                "00000008" + "04" + "308201");

        assertThat(c.encodingName()).isEqualTo("X.509 signature");
        rejects(single(37, "04"), Reason.BAD_PAYLOAD, 28, "bad CERT payload at offset 28: X.509 signature certificate data is empty");
    }

    @Test
    void authenticationWithMethodAndReservedBytes() throws Exception {
        Authentication a = golden(new Authentication(Authentication.DIGITAL_SIGNATURE, HEX.parseHex("0102030405")),
                "0000000d" + "0e000000" + "0102030405");

        assertThat(a.methodName()).isEqualTo("Digital Signature");
        assertThat(new Authentication(Authentication.SHARED_KEY_MIC, new byte[1]).methodName())
                .isEqualTo("Shared Key Message Integrity Code");
        assertThat(new Authentication(200, new byte[1]).methodName()).isEqualTo("authentication method 200");
        golden(new Authentication(Authentication.ECDSA_SHA256_P256, new byte[64]), "00000048" + "09000000" + "00".repeat(64));
    }

    @Test
    void authenticationThatCannotBeRight() {
        rejects(single(39, "02000000"), Reason.BAD_PAYLOAD, 28,
                "bad AUTH payload at offset 28: Shared Key Message Integrity Code without authentication data");
        rejects(single(39, "0a000000" + "00".repeat(64)), Reason.BAD_PAYLOAD, 28, "bad AUTH payload at offset 28: "
                + "ECDSA with SHA-384 on the P-384 curve signature is 64 bytes, expected r | s of 96");
    }

    @Test
    void eapCarriesOnePacketWhoseLengthMatches() throws Exception {
        // EAP-Request (1), identifier 2, length 8, type AKA (23), subtype AKA-Identity (5), reserved
        Eap eap = golden(new Eap(HEX.parseHex("0102000817050000")), "0000000c" + "0102000817050000");

        assertThat(eap.message()).hasSize(8);
        rejects(single(48, "0102000917050000"), Reason.BAD_PAYLOAD, 28,
                "bad EAP payload at offset 28: EAP length field says 9 bytes but the payload carries 8");
        rejects(single(48, "0302"), Reason.TRUNCATED, 32, "truncated EAP header at offset 32: needs 4 bytes but 2 remain");
        golden(new Eap(HEX.parseHex("03020004")), "00000008" + "03020004"); // EAP-Success
    }

    // ---- CP ----

    @Test
    void configurationRequestAsAPhoneSendsIt() throws Exception {
        Configuration cp = Configuration.request(ConfigAttribute.INTERNAL_IP4_ADDRESS, ConfigAttribute.INTERNAL_IP4_DNS,
                ConfigAttribute.INTERNAL_IP6_ADDRESS, ConfigAttribute.INTERNAL_IP6_DNS, ConfigAttribute.P_CSCF_IP4_ADDRESS,
                ConfigAttribute.P_CSCF_IP6_ADDRESS);

        // CFG_REQUEST, reserved; then each attribute: reserved bit and 15-bit type, length 0
        Configuration decoded = golden(cp, "00000020" + "01000000"
                + "00010000" + "00030000" + "00080000" + "000a0000" + "00140000" + "00150000");
        assertThat(decoded.describe()).isEqualTo("CPRQ(ADDR DNS ADDR6 DNS6 P-CSCF P-CSCF6)");
        assertThat(decoded.attributes()).isEqualTo(cp.attributes());
        assertThat(decoded.addresses(ConfigAttribute.INTERNAL_IP4_ADDRESS)).isEmpty();
        assertThat(decoded.attributes().get(0).describe()).isEqualTo("INTERNAL_IP4_ADDRESS");
    }

    @Test
    void configurationReplyGivesTheAddresses() throws Exception {
        Configuration reply = new Configuration(Configuration.CFG_REPLY, List.of(
                new ConfigAttribute(ConfigAttribute.INTERNAL_IP4_ADDRESS, HEX.parseHex("0a2d0001")),
                new ConfigAttribute(ConfigAttribute.INTERNAL_IP6_ADDRESS, HEX.parseHex("fd000045" + "00".repeat(11) + "02" + "40")),
                new ConfigAttribute(ConfigAttribute.INTERNAL_IP4_DNS, HEX.parseHex("08080808")),
                new ConfigAttribute(ConfigAttribute.P_CSCF_IP4_ADDRESS, HEX.parseHex("0a2d00fe")),
                new ConfigAttribute(ConfigAttribute.P_CSCF_IP4_ADDRESS, HEX.parseHex("0a2d00fd")),
                new ConfigAttribute(ConfigAttribute.P_CSCF_IP6_ADDRESS, HEX.parseHex("fd00" + "00".repeat(13) + "10"))));

        Configuration decoded = golden(reply, "00000051" + "02000000" + "00010004" + "0a2d0001"
                + "00080011" + "fd000045" + "00".repeat(11) + "02" + "40" + "00030004" + "08080808"
                + "00140004" + "0a2d00fe" + "00140004" + "0a2d00fd" + "00150010" + "fd00" + "00".repeat(13) + "10");

        assertThat(decoded.describe()).isEqualTo("CPRP(ADDR ADDR6 DNS P-CSCF P-CSCF P-CSCF6)");
        assertThat(decoded.addresses(ConfigAttribute.INTERNAL_IP4_ADDRESS)).containsExactly(ip("10.45.0.1"));
        assertThat(decoded.addresses(ConfigAttribute.INTERNAL_IP6_ADDRESS)).containsExactly(ip("fd00:45::2"));
        assertThat(decoded.addresses(ConfigAttribute.P_CSCF_IP4_ADDRESS)).containsExactly(ip("10.45.0.254"), ip("10.45.0.253"));
        assertThat(decoded.addresses(ConfigAttribute.P_CSCF_IP6_ADDRESS)).containsExactly(ip("fd00::10"));
        assertThat(decoded.attributes()).extracting(ConfigAttribute::describe).containsExactly(
                "INTERNAL_IP4_ADDRESS 10.45.0.1", "INTERNAL_IP6_ADDRESS fd00:45::2/64", "INTERNAL_IP4_DNS 8.8.8.8",
                "P_CSCF_IP4_ADDRESS 10.45.0.254", "P_CSCF_IP4_ADDRESS 10.45.0.253", "P_CSCF_IP6_ADDRESS fd00::10");
        assertThat(decoded.attributes()).isEqualTo(reply.attributes());
        assertThat(new ConfigAttribute(ConfigAttribute.INTERNAL_IP4_SUBNET, HEX.parseHex("0a000000ff000000")).describe())
                .isEqualTo("INTERNAL_IP4_SUBNET 10.0.0.0/255.0.0.0");
        assertThat(new ConfigAttribute(7, "sw".getBytes(StandardCharsets.US_ASCII)).describe())
                .isEqualTo("APPLICATION_VERSION 7377");
    }

    @Test
    void theReservedBitOfAnAttributeIsIgnoredOnReceiptAndSentAsZero() throws Exception {
        Configuration cp = IkeMessage.decode(single(47, "02000000" + "80010004" + "0a2d0001"))
                .payloads(Configuration.class).get(0);

        assertThat(cp.attributes()).containsExactly(new ConfigAttribute(1, HEX.parseHex("0a2d0001")));
        assertThat(HEX.formatHex(request(IKE_AUTH, List.of(cp)).encode())).endsWith("02000000" + "00010004" + "0a2d0001");
        assertThatThrownBy(() -> new ConfigAttribute(0x8001, new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a configuration attribute type has 15 bits, not 32769");
    }

    @Test
    void configurationAttributesThatCannotBeRight() {
        rejects(single(47, "02000000" + "00010003" + "0a2d00"), Reason.BAD_PAYLOAD, 36,
                "bad CP payload at offset 28: INTERNAL_IP4_ADDRESS attribute at offset 36 is 3 bytes, expected 0 or 4");
        rejects(single(47, "02000000" + "00010000" + "00080010" + "00".repeat(16)), Reason.BAD_PAYLOAD, 40,
                "bad CP payload at offset 28: INTERNAL_IP6_ADDRESS attribute at offset 40 is 16 bytes, expected 0 or 17");
        rejects(single(47, "02000000" + "00080011" + "00".repeat(16) + "81"), Reason.BAD_PAYLOAD, 36,
                "bad CP payload at offset 28: INTERNAL_IP6_ADDRESS attribute at offset 36 has prefix length 129, more than 128");
        rejects(single(47, "02000000" + "00150004" + "0a000001"), Reason.BAD_PAYLOAD, 36,
                "bad CP payload at offset 28: P_CSCF_IP6_ADDRESS attribute at offset 36 is 4 bytes, expected 0 or 16");
        rejects(single(47, "02000000" + "000e0003" + "000102"), Reason.BAD_PAYLOAD, 36,
                "bad CP payload at offset 28: SUPPORTED_ATTRIBUTES attribute at offset 36 is 3 bytes, expected a multiple of 2");
        rejects(single(47, "02000000" + "00030008" + "08080808"), Reason.TRUNCATED, 40,
                "truncated CP attribute value at offset 40: needs 8 bytes but 4 remain");
        rejects(single(47, "02000000" + "0003"), Reason.TRUNCATED, 38,
                "truncated CP attribute header at offset 38: needs 2 bytes but 0 remain");
    }

    // ---- TS ----

    @Test
    void trafficSelectorsForEveryAddressOfBothFamilies() throws Exception {
        TrafficSelectors tsi = new TrafficSelectors(true, List.of(TrafficSelector.allIpv4(), TrafficSelector.allIpv6()));

        // number of TSs, reserved; each: type, IP protocol, selector length, start port, end port, start, end address
        TrafficSelectors decoded = golden(tsi, "00000040" + "02000000"
                + "07000010" + "0000ffff" + "00000000" + "ffffffff"
                + "08000028" + "0000ffff" + "00".repeat(16) + "ff".repeat(16));
        assertThat(decoded.type()).isEqualTo(44);
        assertThat(decoded.selectors()).isEqualTo(tsi.selectors());
        assertThat(decoded.describe()).isEqualTo("0.0.0.0/0 ::/0");
        assertThat(new TrafficSelectors(false, List.of()).type()).isEqualTo(45);
    }

    @Test
    void selectorsDescribeThemselvesLikeStrongSwan() {
        assertThat(TrafficSelector.host(ip("10.45.0.1")).describe()).isEqualTo("10.45.0.1/32");
        assertThat(TrafficSelector.host(ip("fd00:45::2")).describe()).isEqualTo("fd00:45::2/128");
        assertThat(TrafficSelector.range(ip("10.0.0.1"), ip("10.0.0.9")).describe()).isEqualTo("10.0.0.1..10.0.0.9");
        assertThat(TrafficSelector.range(ip("10.0.0.0"), ip("10.255.255.255")).describe()).isEqualTo("10.0.0.0/8");
        byte[] net = HEX.parseHex("0a000000");
        byte[] last = HEX.parseHex("0affffff");
        assertThat(new TrafficSelector(7, 17, 4500, 4500, net, last).describe()).isEqualTo("10.0.0.0/8[udp/4500]");
        assertThat(new TrafficSelector(7, 6, 1024, 65535, net, last).describe()).isEqualTo("10.0.0.0/8[tcp/1024-65535]");
        assertThat(new TrafficSelector(7, 17, 65535, 0, net, last).describe()).isEqualTo("10.0.0.0/8[udp/OPAQUE]");
        assertThat(new TrafficSelector(7, 50, 0, 65535, net, last).describe()).isEqualTo("10.0.0.0/8[50]");
        assertThat(TrafficSelector.allIpv4()).isEqualTo(TrafficSelector.range(ip("0.0.0.0"), ip("255.255.255.255")))
                .hasToString("TrafficSelector[0.0.0.0/0]");
        assertThatThrownBy(() -> new TrafficSelector(7, 0, 0, 65535, new byte[16], new byte[16]))
                .hasMessage("traffic selector type 7 takes 4-byte addresses, not 16 and 16");
    }

    @Test
    void trafficSelectorsThatCannotBeRight() {
        String any4 = "07000010" + "0000ffff" + "00000000" + "ffffffff";
        rejects(single(44, "00000000"), Reason.BAD_PAYLOAD, 28, "bad TSi payload at offset 28: carries no traffic selector");
        rejects(single(45, "02000000" + any4), Reason.BAD_LENGTH, 28,
                "bad TSr payload at offset 28: declares 2 traffic selectors but carries 1");
        rejects(single(44, "01000000" + any4 + "00"), Reason.BAD_LENGTH, 52,
                "bad TSi payload at offset 28: 1 bytes at offset 52 after its 1 traffic selectors");
        rejects(single(44, "01000000" + "09000010" + "0000ffff" + "00".repeat(8)), Reason.BAD_PAYLOAD, 36,
                "bad TSi payload at offset 28: traffic selector at offset 36 has type 9, expected 7 (TS_IPV4_ADDR_RANGE) "
                        + "or 8 (TS_IPV6_ADDR_RANGE)");
        rejects(single(44, "01000000" + "07000014" + "0000ffff" + "00".repeat(12)), Reason.BAD_LENGTH, 36,
                "bad TSi payload at offset 28: traffic selector at offset 36 of type 7 is 20 bytes, expected 16");
        rejects(single(44, "01000000" + "08000028" + "0000ffff" + "00".repeat(16)), Reason.TRUNCATED, 36,
                "truncated traffic selector at offset 36: length 40 but 24 bytes remain");
        rejects(single(44, "01000000" + "07060010" + "01bb0050" + "00000000" + "ffffffff"), Reason.BAD_PAYLOAD, 36,
                "bad TSi payload at offset 28: traffic selector at offset 36 has start port 443 above end port 80");
    }

    @Test
    void opaquePortsAreNotAReversedRange() throws Exception {
        // RFC 7296 §3.13.1: start port 65535 and end port 0 mean OPAQUE
        TrafficSelectors ts = IkeMessage.decode(single(45, "01000000" + "0711" + "0010" + "ffff0000" + "0a000000" + "0affffff"))
                .payloads(TrafficSelectors.class).get(0);

        assertThat(ts.describe()).isEqualTo("10.0.0.0/8[udp/OPAQUE]");
    }

    // ---- DELETE ----

    @Test
    void deleteOfTheIkeSaHasNoSpis() throws Exception {
        Delete d = golden(Delete.ikeSa(), "00000008" + "01000000");

        assertThat(d.protocolId()).isEqualTo(1);
        assertThat(request(INFORMATIONAL, List.of(d)).describe()).isEqualTo("INFORMATIONAL request 1 [D]");
    }

    @Test
    void deleteOfEspSasListsTheirSpis() throws Exception {
        Delete d = golden(Delete.esp(List.of(HEX.parseHex("11223344"), HEX.parseHex("55667788"))),
                "00000010" + "03040002" + "11223344" + "55667788");

        assertThat(d.spis()).extracting(HEX::formatHex).containsExactly("11223344", "55667788");
        assertThatThrownBy(() -> Delete.esp(List.of(new byte[8]))).hasMessage("a 8-byte SPI in a DELETE of 4-byte SPIs");
    }

    @Test
    void deletesThatCannotBeRight() {
        rejects(single(42, "01040001" + "11223344"), Reason.BAD_PAYLOAD, 28, "bad DELETE payload at offset 28: "
                + "IKE with a 4-byte SPI size and 1 SPIs; expected IKE with none, or AH or ESP with 4-byte SPIs");
        rejects(single(42, "03080001" + "1122334455667788"), Reason.BAD_PAYLOAD, 28, "bad DELETE payload at offset 28: "
                + "ESP with a 8-byte SPI size and 1 SPIs; expected IKE with none, or AH or ESP with 4-byte SPIs");
        rejects(single(42, "03040003" + "11223344" + "55667788"), Reason.BAD_LENGTH, 28,
                "bad DELETE payload at offset 28: declares 3 SPIs of 4 bytes but 8 bytes follow");
        rejects(single(42, "030400"), Reason.TRUNCATED, 34, "truncated DELETE number of SPIs at offset 34: needs 2 bytes but 1 remain");
    }

    // ---- SA for ESP ----

    @Test
    void espProposalWithItsSpiAndNoEsn() throws Exception {
        Proposal esp = Proposal.esp(1, HEX.parseHex("cafef00d"), List.of(Transform.encr(20, 256), Transform.noEsn()));

        SecurityAssociation sa = golden(new SecurityAssociation(List.of(esp)), "00000024"
                + "00000020" + "01030402" + "cafef00d"   // last proposal, 32 bytes, #1, ESP, 4-byte SPI, 2 transforms
                + "0300000c" + "01000014" + "800e0100"  // ENCR_AES_GCM_16, key length 256
                + "00000008" + "05000000");             // ESN: none
        assertThat(sa.proposals().get(0).protocolId()).isEqualTo(SecurityAssociation.PROTOCOL_ESP);
        assertThat(sa.proposals().get(0).describe()).isEqualTo("ENCR_AES_GCM_16 256, No ESN");
        assertThatThrownBy(() -> Proposal.esp(1, new byte[8], List.of())).hasMessage("an ESP proposal carries a 4-byte SPI, not 8 bytes");
        rejects(single(33, "00000008" + "01030000"), Reason.BAD_PAYLOAD, 28,
                "bad SA payload at offset 28: proposal 1 has protocol ID 3 with a 0-byte SPI");
    }

    // ---- whole messages ----

    static IkeMessage authRequest() {
        return request(IKE_AUTH, List.of(Identification.rfc822(true, NAI), Identification.fqdn(false, "ims"),
                Configuration.request(ConfigAttribute.INTERNAL_IP4_ADDRESS, ConfigAttribute.INTERNAL_IP4_DNS,
                        ConfigAttribute.P_CSCF_IP4_ADDRESS),
                new SecurityAssociation(List.of(Proposal.esp(1, HEX.parseHex("cafef00d"),
                        List.of(Transform.encr(12, 128), Transform.of(SecurityAssociation.INTEG, 12), Transform.noEsn())))),
                new TrafficSelectors(true, List.of(TrafficSelector.allIpv4())),
                new TrafficSelectors(false, List.of(TrafficSelector.allIpv4()))));
    }

    static IkeMessage authResponse() {
        return new IkeMessage(Samples.SPI_I, Samples.SPI_R, IkeMessage.VERSION_2_0, IKE_AUTH, IkeMessage.FLAG_RESPONSE, 1, List.of(
                new Identification(false, Identification.ID_FQDN, "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org".getBytes()),
                new Certificate(Certificate.X509_SIGNATURE, HEX.parseHex("3082" + "ab".repeat(40))),
                new Authentication(Authentication.RSA_DIGITAL_SIGNATURE, HEX.parseHex("5a".repeat(256))),
                new Eap(HEX.parseHex("0102000c" + "17010000" + "0e010000")),
                Notify.of(Notify.USER_UNKNOWN, new byte[0])));
    }

    @Test
    void ikeAuthMessagesDescribeThemselvesLikeStrongSwan() throws Exception {
        assertThat(IkeMessage.decode(authRequest().encode()).describe())
                .isEqualTo("IKE_AUTH request 1 [IDi IDr CPRQ(ADDR DNS P-CSCF) SA TSi TSr]");
        IkeMessage response = IkeMessage.decode(authResponse().encode());
        assertThat(response.describe()).isEqualTo("IKE_AUTH response 1 [IDr CERT AUTH EAP N(USER_UNKNOWN)]");
        assertThat(response.payloads(Notify.class).get(0).isError()).isTrue();
        assertThat(IkeMessage.decode(response.encode()).encode()).isEqualTo(authResponse().encode());
    }

    @Test
    void everyTruncationAndRandomDamageFailsOnlyAsMalformed() {
        byte[][] samples = {authRequest().encode(), authResponse().encode()};
        for (byte[] sample : samples) {
            for (int n = 0; n < sample.length; n++) {
                byte[] cut = Arrays.copyOf(sample, n);
                expectOnlyMalformed(cut);
                if (n >= 28) {
                    expectOnlyMalformed(Samples.with(cut, 24, String.format("%08x", n)));
                }
            }
        }
        Random random = new Random(7651);
        for (int i = 0; i < 20_000; i++) {
            byte[] damaged = samples[i % 2].clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                damaged[28 + random.nextInt(damaged.length - 28)] = (byte) random.nextInt(256);
            }
            expectOnlyMalformed(damaged);
        }
    }

    private static void expectOnlyMalformed(byte[] message) {
        try {
            IkeMessage m = IkeMessage.decode(message);
            assertThat(m.describe()).isNotBlank();
            assertThat(IkeMessage.decode(m.encode()).encode()).isEqualTo(m.encode());
        } catch (MalformedIkeException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            assertThat(expected.offset()).isBetween(0, message.length);
        } catch (RuntimeException e) {
            fail("decoder threw " + e + " for " + HEX.formatHex(message), e);
        }
    }
}
