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
}
