package dev.wificall.ike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkPayloadSuiteTest {

    @Test
    void gcmProposalFromTheSampleResponse() throws Exception {
        Proposal chosen = IkeMessage.decode(Samples.response()).payloads(SecurityAssociation.class).get(0).proposals().get(0);

        SkPayloadSuite suite = SkPayloadSuite.of(chosen);

        assertThat(suite).isEqualTo(new SkPayloadSuite(EncryptionAlgorithm.AES_GCM_16, 256, null, Prf.HMAC_SHA2_256));
        assertThat(suite.encryptionKeyLength()).isEqualTo(36);
        assertThat(suite.integrityKeyLength()).isZero();
        assertThat(suite.icvLength()).isEqualTo(16);
    }

    @Test
    void cbcProposal() {
        Proposal p = Proposal.ike(1, List.of(Transform.encr(12, 128), Transform.of(SecurityAssociation.PRF, 2),
                Transform.of(SecurityAssociation.INTEG, 2), Transform.of(SecurityAssociation.DH, 14)));

        SkPayloadSuite suite = SkPayloadSuite.of(p);

        assertThat(suite.describe()).isEqualTo("ENCR_AES_CBC 128, AUTH_HMAC_SHA1_96, PRF_HMAC_SHA1");
        assertThat(suite.encryptionKeyLength()).isEqualTo(16);
        assertThat(suite.integrityKeyLength()).isEqualTo(20);
        assertThat(suite.icvLength()).isEqualTo(12);
    }

    @Test
    void unsupportedTransformsAreNamed() {
        Proposal des = Proposal.ike(1, List.of(Transform.of(SecurityAssociation.ENCR, 3), Transform.of(SecurityAssociation.PRF, 2),
                Transform.of(SecurityAssociation.INTEG, 2)));
        Proposal xcbc = Proposal.ike(1, List.of(Transform.encr(12, 128), Transform.of(SecurityAssociation.PRF, 4),
                Transform.of(SecurityAssociation.INTEG, 5)));
        Proposal noIntegrity = Proposal.ike(1, List.of(Transform.encr(12, 128), Transform.of(SecurityAssociation.PRF, 5)));
        Proposal gcmWithIntegrity = Proposal.ike(1, List.of(Transform.encr(20, 128), Transform.of(SecurityAssociation.PRF, 5),
                Transform.of(SecurityAssociation.INTEG, 12)));

        assertThatThrownBy(() -> SkPayloadSuite.of(des)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("proposal [ENCR_3DES, PRF_HMAC_SHA1, AUTH_HMAC_SHA1_96]: wificall cannot protect SK payloads with ENCR_3DES; supported encryption:");
        assertThatThrownBy(() -> SkPayloadSuite.of(xcbc)).hasMessageContaining("with PRF_AES128_XCBC; supported PRF:");
        assertThatThrownBy(() -> SkPayloadSuite.of(noIntegrity)).hasMessage("ENCR_AES_CBC needs an integrity algorithm");
        assertThatThrownBy(() -> SkPayloadSuite.of(gcmWithIntegrity)).hasMessageContaining("takes no integrity algorithm");
    }
}
