package dev.wificall.ike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9370 transforms ADDKE1..7 and strongSwan's ke1_..ke7_ keywords. */
class AdditionalKeyExchangeTest {

    @Test
    void theLabsHybridOfferParsesWithMlKemAsAddke1AndDescribesBack() {
        IkeProposals p = IkeProposals.parse("aes256gcm16-prfsha384-x25519-ke1_mlkem768,aes256gcm16-prfsha384-x25519-ke1_mlkem1024");

        assertThat(p.proposals().get(0).transforms()).extracting(Transform::type, Transform::id, Transform::keyLength)
                .containsExactly(tuple(1, 20, 256), tuple(2, 6, 0), tuple(4, 31, 0), tuple(6, 36, 0));
        assertThat(p.proposals().get(1).transforms()).extracting(Transform::type, Transform::id)
                .endsWith(tuple(6, 37));
        assertThat(p.groups()).containsExactly(DhGroup.CURVE_25519);
        assertThat(p.describe()).isEqualTo("aes256gcm16-prfsha384-curve25519-ke1_mlkem768,"
                + "aes256gcm16-prfsha384-curve25519-ke1_mlkem1024");
        assertThat(IkeProposals.parse(p.describe()).proposals()).extracting(Proposal::transforms)
                .isEqualTo(p.proposals().stream().map(Proposal::transforms).toList());
    }

    @Test
    void additionalExchangesFollowTheGroupsInTypeOrderWhateverTheWritingOrder() {
        Proposal p = IkeProposals.parse("KE2_ECP256-aes128-sha256-ke1_mlkem768-ke1_mlkem1024-modp2048-ke3_none")
                .proposals().get(0);

        assertThat(p.transforms()).extracting(Transform::type, Transform::id).containsExactly(
                tuple(1, 12), tuple(2, 5), tuple(3, 12), tuple(4, 14), tuple(6, 36), tuple(6, 37), tuple(7, 19), tuple(8, 0));
        assertThat(IkeProposals.describe(p)).isEqualTo("aes128-sha256-prfsha256-modp2048-ke1_mlkem768-ke1_mlkem1024"
                + "-ke2_ecp256-ke3_none");
        assertThat(IkeProposals.keyword(Transform.of(12, 31))).isEqualTo("ke7_curve25519");
    }

    @Test
    void transformsAreNamedAfterTheRegistry() {
        assertThat(Transform.of(SecurityAssociation.ADDKE1, 36).describe()).isEqualTo("ADDKE1 ML-KEM-768 (36)");
        assertThat(Transform.of(SecurityAssociation.ADDKE7, 19).describe()).isEqualTo("ADDKE7 DH group 19");
        assertThat(Transform.of(SecurityAssociation.DH, 37).describe()).isEqualTo("ML-KEM-1024 (37)");
        assertThat(Transform.of(13, 1).describe()).isEqualTo("transform type 13 ID 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlkem768", "mlkem1024", "mlkem512"})
    void mlKemAsTheIkeSaInitExchangeIsRefusedWithTheHybridSpelling(String kw) {
        assertThatThrownBy(() -> IkeProposals.parse("aes256gcm16-prfsha384-" + kw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("IKE proposal 1 'aes256gcm16-prfsha384-" + kw + "' of 'aes256gcm16-prfsha384-" + kw + "' offers "
                        + kw + " as the IKE_SA_INIT key exchange; this probe sends ML-KEM only as an additional one"
                        + " (RFC 9370), e.g. x25519-ke1_" + kw);
    }

    @Test
    void anAdditionalExchangeNeedsAGroupAndUnknownOnesAreNamed() {
        assertThatThrownBy(() -> IkeProposals.parse("aes256gcm16-prfsha384-ke1_mlkem768"))
                .hasMessageContaining("has no DH group");
        assertThatThrownBy(() -> IkeProposals.parse("aes256gcm16-prfsha384-x25519-ke8_mlkem768"))
                .hasMessageContaining("unknown keyword 'ke8_mlkem768'")
                .hasMessageContaining("ke1_ to ke7_ before a DH or ML-KEM keyword");
    }

    @Test
    void anSaPayloadWithAddkeTransformsRoundTrips() throws MalformedIkeException {
        IkeProposals offer = IkeProposals.parse("aes256gcm16-prfsha384-x25519-ke1_mlkem768-ke2_mlkem1024");
        IkeMessage m = new IkeMessage(1, 0, IkeMessage.VERSION_2_0, IkeMessage.IKE_SA_INIT, IkeMessage.FLAG_INITIATOR, 0,
                List.of(new SecurityAssociation(offer.proposals())));

        IkeMessage back = IkeMessage.decode(m.encode());

        assertThat(back.payloads(SecurityAssociation.class).get(0).proposals()).extracting(Proposal::transforms)
                .containsExactly(offer.proposals().get(0).transforms());
        assertThat(IkeProposals.describe(back.payloads(SecurityAssociation.class).get(0).proposals().get(0)))
                .isEqualTo("aes256gcm16-prfsha384-curve25519-ke1_mlkem768-ke2_mlkem1024");
    }

    @Test
    void aResponseChoosingTheHybridProposalIsAValidAnswer() {
        IkeProposals offer = IkeProposals.parse("aes256gcm16-prfsha384-x25519-ke1_mlkem768");
        java.net.InetSocketAddress a = new java.net.InetSocketAddress("127.0.0.1", 500);
        SaInitRequest request = SaInitRequest.create(offer, a, a, new java.security.SecureRandom());
        IkeMessage answer = new IkeMessage(request.spi(), 7, IkeMessage.VERSION_2_0, IkeMessage.IKE_SA_INIT,
                IkeMessage.FLAG_RESPONSE, 0, List.of(new SecurityAssociation(offer.proposals()),
                new IkePayload.KeyExchange(31, new byte[32]), new IkePayload.Nonce(new byte[32])));

        SaInitResponse r = new SaInitResponse(answer, 0);

        assertThat(r.problem(request)).isEmpty();
        assertThat(r.selectedProposalText()).contains("aes256gcm16-prfsha384-curve25519-ke1_mlkem768");
    }
}
