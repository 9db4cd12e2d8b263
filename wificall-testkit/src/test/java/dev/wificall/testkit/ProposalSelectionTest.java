package dev.wificall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.ike.IkeProposals;
import dev.wificall.ike.SecurityAssociation;
import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProposalSelectionTest {

    private static Optional<String> select(String offer, String accepted, int keGroup) {
        return ProposalSelection.select(IkeProposals.parse(offer).proposals(), IkeProposals.parse(accepted).proposals(),
                keGroup).map(IkeProposals::describe);
    }

    @Test
    void theFirstOfferedProposalThatMatchesWinsReducedToOneTransformOfEachType() {
        assertThat(select("aes128-sha1-modp2048,aes256gcm16-prfsha256-ecp256",
                "aes256gcm16-prfsha256-ecp256,aes128-sha256-sha1-modp2048", 14)).hasValue("aes128-sha1-prfsha1-modp2048");
        assertThat(select("aes256gcm16-aes128gcm16-prfsha384-prfsha256-ecp256",
                "aes128gcm16-aes256gcm16-prfsha256-ecp256", 19)).hasValue("aes256gcm16-prfsha256-ecp256");
    }

    @Test
    void theKeGroupIsTakenAmongTheCommonGroupsElseTheFirstOffered() {
        String phone = IkeProposals.PHONE.text();
        assertThat(select(phone, "aes256gcm16-prfsha256-ecp256-ecp384-modp2048", 20))
                .hasValue("aes256gcm16-prfsha256-ecp384");
        // curve25519 is not common: the first group of the offer that both have
        assertThat(select(phone, "aes256gcm16-prfsha256-ecp384-modp2048", 31)).hasValue("aes256gcm16-prfsha256-ecp384");
    }

    @Test
    void theOfferedProposalKeepsItsNumber() {
        List<Proposal> offered = IkeProposals.parse("aes128-sha1-modp1024,aes256-sha256-modp2048").proposals();
        Proposal chosen = ProposalSelection.select(offered, IkeProposals.parse("aes256-sha256-modp2048").proposals(), 14)
                .orElseThrow();
        assertThat(chosen.number()).isEqualTo(2);
        assertThat(ProposalSelection.group(chosen)).isEqualTo(14);
    }

    @Test
    void nothingMatchesWhenATypeOrAKeyLengthDiffers() {
        assertThat(select("aes128-sha256-modp2048", "aes256-sha256-modp2048", 14)).isEmpty();
        assertThat(select("aes256gcm16-prfsha256-ecp256", "aes256-sha256-ecp256", 19)).isEmpty();
        assertThat(select("aes256-sha256-ecp256", "aes256-sha256-ecp384", 19)).isEmpty();
    }

    @Test
    void integrityNoneBesideAnAeadCipherCountsAsNoIntegrity() {
        Proposal aead = IkeProposals.parse("aes256gcm16-prfsha256-ecp256").proposals().get(0);
        List<Transform> withNone = new ArrayList<>(aead.transforms());
        withNone.add(Transform.of(SecurityAssociation.INTEG, 0));
        Optional<Proposal> chosen = ProposalSelection.select(List.of(Proposal.ike(1, withNone)), List.of(aead), 19);
        assertThat(chosen.map(IkeProposals::describe)).hasValue("aes256gcm16-prfsha256-ecp256");
    }

    @Test
    void espProposalsAreNotIkeSaProposals() {
        Proposal ike = IkeProposals.parse("aes256-sha256-modp2048").proposals().get(0);
        Proposal esp = new Proposal(1, 3, new byte[4], ike.transforms());
        assertThat(ProposalSelection.select(List.of(esp), List.of(ike), 14)).isEmpty();
    }
}
