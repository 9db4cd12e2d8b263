package dev.wificall.ike;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IkeNamesTest {

    @Test
    void everyStatusNotifyFrom16384To16443HasItsOwnName() {
        Set<String> names = new HashSet<>();
        for (int type = 16384; type <= 16443; type++) {
            String name = IkeNames.notify(type);
            assertThat(name).as("notify " + type).doesNotStartWith("status notify").matches("[A-Z0-9_]+");
            names.add(name);
        }
        assertThat(names).hasSize(60);
        assertThat(IkeNames.notify(16444)).isEqualTo("status notify 16444");
    }

    @Test
    void namesThatMatterForIkeSaInit() {
        assertThat(IkeNames.notify(16388)).isEqualTo("NAT_DETECTION_SOURCE_IP");
        assertThat(IkeNames.notify(16390)).isEqualTo("COOKIE");
        assertThat(IkeNames.notify(16404)).isEqualTo("MULTIPLE_AUTH_SUPPORTED");
        assertThat(IkeNames.notify(16407)).isEqualTo("REDIRECT");
        assertThat(IkeNames.notify(16417)).isEqualTo("EAP_ONLY_AUTHENTICATION");
        assertThat(IkeNames.notify(16418)).isEqualTo("CHILDLESS_IKEV2_SUPPORTED");
        assertThat(IkeNames.notify(16430)).isEqualTo("IKEV2_FRAGMENTATION_SUPPORTED");
        assertThat(IkeNames.notify(16431)).isEqualTo("SIGNATURE_HASH_ALGORITHMS");
        assertThat(IkeNames.notify(16435)).isEqualTo("USE_PPK");
        assertThat(IkeNames.notify(16438)).isEqualTo("INTERMEDIATE_EXCHANGE_SUPPORTED");
        assertThat(IkeNames.notify(16441)).isEqualTo("ADDITIONAL_KEY_EXCHANGE");
        assertThat(IkeNames.notify(16443)).isEqualTo("SUPPORTED_AUTH_METHODS");
    }

    @Test
    void errorsUpTo47AndTheReservedGaps() {
        assertThat(IkeNames.notify(1)).isEqualTo("UNSUPPORTED_CRITICAL_PAYLOAD");
        assertThat(IkeNames.notify(14)).isEqualTo("NO_PROPOSAL_CHOSEN");
        assertThat(IkeNames.notify(17)).isEqualTo("INVALID_KE_PAYLOAD");
        assertThat(IkeNames.notify(24)).isEqualTo("AUTHENTICATION_FAILED");
        assertThat(IkeNames.notify(43)).isEqualTo("TEMPORARY_FAILURE");
        assertThat(IkeNames.notify(47)).isEqualTo("STATE_NOT_FOUND");
        assertThat(IkeNames.notify(2)).isEqualTo("error notify 2");
        assertThat(IkeNames.notify(0)).isEqualTo("error notify 0");
        assertThat(IkeNames.notify(48)).isEqualTo("error notify 48");
        assertThat(IkeNames.notify(9001)).isEqualTo("USER_UNKNOWN");
        int named = 0;
        for (int type = 1; type <= 47; type++) {
            named += IkeNames.notify(type).startsWith("error notify") ? 0 : 1;
        }
        assertThat(named).isEqualTo(23);
    }

    @Test
    void hashAlgorithmsAndCertificateEncodings() {
        assertThat(new HashAlgorithm(2).name()).isEqualTo("SHA2-256");
        assertThat(HashAlgorithm.IDENTITY).hasToString("Identity");
        assertThat(new HashAlgorithm(0).name()).isEqualTo("hash algorithm 0");
        assertThat(IkeNames.certificateEncoding(4)).isEqualTo("X.509 signature");
        assertThat(IkeNames.certificateEncoding(200)).isEqualTo("certificate encoding 200");
    }

    @Test
    void threeGppErrorsOfTs24302AreNamedAndAreErrors() {
        assertThat(IkeNames.notify(8192)).isEqualTo("PDN_CONNECTION_REJECTION");
        assertThat(IkeNames.notify(9000)).isEqualTo("NON_3GPP_ACCESS_TO_EPC_NOT_ALLOWED");
        assertThat(IkeNames.notify(9002)).isEqualTo("NO_APN_SUBSCRIPTION");
        assertThat(IkeNames.notify(9003)).isEqualTo("AUTHORIZATION_REJECTED");
        assertThat(IkeNames.notify(9006)).isEqualTo("ILLEGAL_ME");
        assertThat(IkeNames.notify(10500)).isEqualTo("NETWORK_FAILURE");
        assertThat(IkeNames.notify(11001)).isEqualTo("RAT_TYPE_NOT_ALLOWED");
        assertThat(IkeNames.notify(11005)).isEqualTo("IMEI_NOT_ACCEPTED");
        assertThat(IkeNames.notify(11011)).isEqualTo("PLMN_NOT_ALLOWED");
        assertThat(IkeNames.notify(11055)).isEqualTo("UNAUTHENTICATED_EMERGENCY_NOT_SUPPORTED");
        assertThat(IkeNames.notify(9004)).isEqualTo("error notify 9004");
        for (int type : new int[] {7, 24, 36, 37, 38, 8192, 9000, 9001, 11055, 16383}) {
            assertThat(IkePayload.Notify.of(type, new byte[0]).isError()).as("notify " + type).isTrue();
        }
        assertThat(IkePayload.Notify.of(16384, new byte[0]).isError()).isFalse();
        assertThat(IkePayload.Notify.of(IkePayload.Notify.TS_UNACCEPTABLE, new byte[0]).name()).isEqualTo("TS_UNACCEPTABLE");
        assertThat(IkePayload.Notify.of(IkePayload.Notify.FAILED_CP_REQUIRED, new byte[0]).name()).isEqualTo("FAILED_CP_REQUIRED");
        assertThat(IkePayload.Notify.of(IkePayload.Notify.INTERNAL_ADDRESS_FAILURE, new byte[0]).name())
                .isEqualTo("INTERNAL_ADDRESS_FAILURE");
        assertThat(IkePayload.Notify.of(IkePayload.Notify.INVALID_SYNTAX, new byte[0]).name()).isEqualTo("INVALID_SYNTAX");
    }

    @Test
    void threeGppStatusTypesOfTs24302AndIkeAuthStatuses() {
        assertThat(IkeNames.notify(16417)).isEqualTo("EAP_ONLY_AUTHENTICATION");
        assertThat(IkeNames.notify(16420)).isEqualTo("IKEV2_MESSAGE_ID_SYNC_SUPPORTED");
        assertThat(IkeNames.notify(40961)).isEqualTo("REACTIVATION_REQUESTED_CAUSE");
        assertThat(IkeNames.notify(41041)).isEqualTo("BACKOFF_TIMER");
        assertThat(IkeNames.notify(41050)).isEqualTo("PDN_TYPE_IPv4_ONLY_ALLOWED");
        assertThat(IkeNames.notify(41101)).isEqualTo("DEVICE_IDENTITY");
        assertThat(IkeNames.notify(41134)).isEqualTo("EMERGENCY_CALL_NUMBERS");
        assertThat(IkeNames.notify(41304)).isEqualTo("P_CSCF_RESELECTION_SUPPORT");
        assertThat(IkeNames.notify(42011)).isEqualTo("IKEV2_MULTIPLE_BEARER_PDN_CONNECTIVITY");
        assertThat(IkeNames.notify(51015)).isEqualTo("N1_MODE_CAPABILITY");
        assertThat(IkeNames.notify(40960)).isEqualTo("status notify 40960");
    }

    @Test
    void addressesAsText() {
        assertThat(IkeNames.address(Samples.HEX.parseHex("0a2d0001"))).isEqualTo("10.45.0.1");
        assertThat(IkeNames.address(new byte[16])).isEqualTo("::");
        assertThat(IkeNames.address(Samples.HEX.parseHex("00".repeat(15) + "01"))).isEqualTo("::1");
        assertThat(IkeNames.address(Samples.HEX.parseHex("fd00" + "00".repeat(14)))).isEqualTo("fd00::");
        assertThat(IkeNames.address(Samples.HEX.parseHex("20010db8000000010000000000000001"))).isEqualTo("2001:db8:0:1::1");
        // RFC 5952 §4.2: the longest run is shortened, the first of equal runs, never a single group
        assertThat(IkeNames.address(Samples.HEX.parseHex("20010db8000000000001000000000001"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IkeNames.address(Samples.HEX.parseHex("20010db8000000010001000100010001"))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(IkeNames.address(Samples.HEX.parseHex("0102"))).isEqualTo("0102");
    }

    @Test
    void namesOfIkeAuthParameters() {
        assertThat(IkeNames.idType(11)).isEqualTo("ID_KEY_ID");
        assertThat(IkeNames.idType(4)).isEqualTo("ID type 4");
        assertThat(IkeNames.configAttribute(20)).isEqualTo("P_CSCF_IP4_ADDRESS");
        assertThat(IkeNames.configAttribute(9)).isEqualTo("attribute 9");
        assertThat(IkeNames.configAttributeShort(21)).isEqualTo("P-CSCF6");
        assertThat(IkeNames.configAttributeShort(300)).isEqualTo("300");
        assertThat(IkeNames.authMethod(14)).isEqualTo("Digital Signature");
        assertThat(IkeNames.protocol(3)).isEqualTo("ESP");
    }
}
