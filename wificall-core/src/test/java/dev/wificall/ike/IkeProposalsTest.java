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

class IkeProposalsTest {

    @Test
    void phoneOffersAeadThenCbcWithGroups19And20And14() {
        IkeProposals phone = IkeProposals.PHONE;

        assertThat(phone.proposals()).extracting(Proposal::number, Proposal::protocolId).containsExactly(tuple(1, 1), tuple(2, 1));
        assertThat(phone.proposals().get(0).transforms())
                .extracting(Transform::type, Transform::id, Transform::keyLength).containsExactly(
                        tuple(1, 20, 256), tuple(1, 20, 128), tuple(2, 5, 0), tuple(2, 6, 0),
                        tuple(4, 19, 0), tuple(4, 20, 0), tuple(4, 14, 0));
        assertThat(phone.proposals().get(1).transforms())
                .extracting(Transform::type, Transform::id, Transform::keyLength).containsExactly(
                        tuple(1, 12, 256), tuple(1, 12, 128), tuple(2, 5, 0), tuple(2, 2, 0), tuple(3, 12, 0), tuple(3, 2, 0),
                        tuple(4, 19, 0), tuple(4, 20, 0), tuple(4, 14, 0));
        assertThat(phone.groups()).containsExactly(DhGroup.ECP_256, DhGroup.ECP_384, DhGroup.MODP_2048);
        assertThat(phone.firstGroup()).isEqualTo(DhGroup.ECP_256);
        assertThat(phone.describe()).isEqualTo("aes256gcm16-aes128gcm16-prfsha256-prfsha384-ecp256-ecp384-modp2048,"
                + "aes256-aes128-sha256-sha1-prfsha256-prfsha1-ecp256-ecp384-modp2048");
    }

    @Test
    void broadOffersEveryGroupWithKeFor14First() {
        IkeProposals broad = IkeProposals.BROAD;

        assertThat(broad.firstGroup()).isEqualTo(DhGroup.MODP_2048);
        // the groups ePDGs and phones use; the audit's others (1, 17, 18, 22-30, 32) would only lengthen every re-check
        assertThat(broad.groups()).containsExactlyInAnyOrder(DhGroup.MODP_1024, DhGroup.MODP_1536, DhGroup.MODP_2048,
                DhGroup.MODP_3072, DhGroup.MODP_4096, DhGroup.ECP_256, DhGroup.ECP_384, DhGroup.ECP_521, DhGroup.CURVE_25519);
        assertThat(broad.proposals()).hasSize(2);
        assertThat(broad.proposals().get(0).transforms()).noneMatch(t -> t.type() == SecurityAssociation.INTEG);
        assertThat(broad.proposals().get(1).transforms()).filteredOn(t -> t.type() == SecurityAssociation.PRF)
                .extracting(Transform::id).containsExactly(5, 6, 7, 2);
        assertThat(broad.text()).startsWith("aes256gcm16-").isEqualTo(broad.toString());
    }

    @Test
    void anIntegrityAlgorithmImpliesItsPrfOnlyWithoutAnExplicitOne() {
        assertThat(prfs("aes128-sha256-modp2048")).containsExactly(5);
        assertThat(prfs("aes128-sha256-prfsha384-modp2048")).containsExactly(6);
        assertThat(prfs("aes128-aesxcbc-md5-modp2048")).containsExactly(4, 1);
    }

    @Test
    void inAnAeadProposalIntegrityKeywordsOnlyGiveThePrf() {
        List<Transform> t = IkeProposals.parse("aes256gcm16-sha384-ecp384").proposals().get(0).transforms();

        assertThat(t).extracting(Transform::type, Transform::id).containsExactly(tuple(1, 20), tuple(2, 6), tuple(4, 20));
    }

    @Test
    void aliasesCaseAndRepeatsAreStrongSwans() {
        assertThat(IkeProposals.parse(" AES-SHA-MODP2048 , aes128gcm-prfsha256-x25519 ").describe())
                .isEqualTo("aes128-sha1-prfsha1-modp2048,aes128gcm16-prfsha256-curve25519");
        assertThat(IkeProposals.parse("aes256-aes256-sha256-sha256-ecp256-ecp256").proposals().get(0).transforms()).hasSize(4);
        assertThat(IkeProposals.parse("aes256gcm128-prfsha256-ecp256").describe()).isEqualTo("aes256gcm16-prfsha256-ecp256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aes256gcm16-prfsha256-ecp256", "aes128-sha256-prfsha256-modp2048",
        "aes192ctr-aes128-sha512-sha1-prfsha512-prfsha1-modp3072-modp4096-ecp521",
        "chacha20poly1305-aes128ccm12-aes256gcm8-prfaescmac-curve25519-modp1536-modp1024",
        "3des-md5-aescmac-prfmd5-prfaescmac-modp1024", "camellia256-aesxcbc-prfaesxcbc-ecp384"})
    void describeGivesWhatParseReadsBack(String text) {
        Proposal p = IkeProposals.parse(text).proposals().get(0);

        String described = IkeProposals.describe(p);

        assertThat(described).isEqualTo(text);
        assertThat(IkeProposals.parse(described).proposals().get(0)).usingRecursiveComparison().isEqualTo(p);
    }

    @Test
    void describeOrdersByKindAndNamesWhatStrongSwanCannot() {
        // as a responder may send it: DH before PRF, an integrity NONE beside AES-GCM, odd transforms
        Proposal answer = Proposal.ike(1, List.of(Transform.of(SecurityAssociation.DH, 19), Transform.encr(20, 128),
                Transform.of(SecurityAssociation.INTEG, 0), Transform.of(SecurityAssociation.PRF, 5)));
        assertThat(IkeProposals.describe(answer)).isEqualTo("aes128gcm16-prfsha256-ecp256");
        assertThat(IkeProposals.parse("aes128gcm16-prfsha256-ecp256").proposals().get(0).transforms())
                .containsExactlyInAnyOrderElementsOf(answer.transforms().stream()
                        .filter(t -> t.type() != SecurityAssociation.INTEG).toList());

        Proposal odd = Proposal.ike(1, List.of(Transform.encr(6, 128), Transform.of(SecurityAssociation.ENCR, 1024),
                Transform.of(SecurityAssociation.PRF, 99), Transform.of(SecurityAssociation.DH, 28),
                Transform.of(SecurityAssociation.DH, 99), Transform.of(SecurityAssociation.ESN, 0), Transform.of(13, 1)));
        // (types 6 to 12 are RFC 9370's ADDKE1..7, see AdditionalKeyExchangeTest; 13 is unassigned)
        assertThat(IkeProposals.describe(odd))
                .isEqualTo("ENCR_CAST_128-ENCR_1024-PRF_99-ecp256bp-DH_group_99-noesn-transform_type_13_ID_1");
    }

    @Test
    void unknownKeywordNamesTheProposalAndTheKeyword() {
        assertThatThrownBy(() -> IkeProposals.parse("aes256gcm16-prfsha256-ecp256,aes256-sha265-modp2048"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown keyword 'sha265' in IKE proposal 2 'aes256-sha265-modp2048' of "
                        + "'aes256gcm16-prfsha256-ecp256,aes256-sha265-modp2048'; known: encryption ")
                .hasMessageContaining("integrity md5 sha1 ")
                .hasMessageContaining("; DH modp768 modp1024 modp1536 modp2048 modp3072 modp4096 modp6144 modp8192 ecp256 ecp384"
                        + " ecp521 modp1024s160 modp2048s224 modp2048s256 ecp192 ecp224 ecp224bp ecp256bp ecp384bp ecp512bp"
                        + " curve25519 curve448");
    }

    @Test
    void everyGroupStrongSwanNamesCanBeOffered() {
        java.util.Map<String, Integer> keywords = new java.util.LinkedHashMap<>();
        String[] pairs = {"modp768", "1", "modp1024", "2", "modp1536", "5", "modp2048", "14", "modp3072", "15", "modp4096", "16",
            "modp6144", "17", "modp8192", "18", "ecp256", "19", "ecp384", "20", "ecp521", "21", "modp1024s160", "22",
            "modp2048s224", "23", "modp2048s256", "24", "ecp192", "25", "ecp224", "26", "ecp224bp", "27", "ecp256bp", "28",
            "ecp384bp", "29", "ecp512bp", "30", "curve25519", "31", "x25519", "31", "curve448", "32", "x448", "32"};
        for (int i = 0; i < pairs.length; i += 2) {
            keywords.put(pairs[i], Integer.parseInt(pairs[i + 1]));
        }
        keywords.forEach((keyword, id) -> assertThat(IkeProposals.parse("aes256-sha256-" + keyword).firstGroup().id())
                .as(keyword).isEqualTo(id));
        assertThat(keywords.values()).containsAll(java.util.Arrays.stream(DhGroup.values()).map(DhGroup::id).toList());
    }

    @Test
    void strongSwansProposalChecksWithTheProposalNamed() {
        assertThatThrownBy(() -> IkeProposals.parse("aes256gcm16-ecp256"))
                .hasMessage("IKE proposal 1 'aes256gcm16-ecp256' of 'aes256gcm16-ecp256' has no PRF; add prfsha256, or an"
                        + " integrity algorithm such as sha256 whose PRF it implies");
        assertThatThrownBy(() -> IkeProposals.parse("aes256-sha256"))
                .hasMessageStartingWith("IKE proposal 1 'aes256-sha256' of 'aes256-sha256' has no DH group; ");
        assertThatThrownBy(() -> IkeProposals.parse("sha256-modp2048"))
                .hasMessageStartingWith("IKE proposal 1 'sha256-modp2048' of 'sha256-modp2048' has no encryption algorithm");
        assertThatThrownBy(() -> IkeProposals.parse("aes256gcm16-aes256-sha256-modp2048"))
                .hasMessage("IKE proposal 1 'aes256gcm16-aes256-sha256-modp2048' of 'aes256gcm16-aes256-sha256-modp2048'"
                        + " mixes AEAD (aes256gcm16) and classic (aes256) encryption; put them in separate proposals, e.g."
                        + " aes256gcm16-prfsha256-ecp256,aes256-sha256-ecp256");
        assertThatThrownBy(() -> IkeProposals.parse("aes256-prfsha256-modp2048"))
                .hasMessage("IKE proposal 1 'aes256-prfsha256-modp2048' of 'aes256-prfsha256-modp2048' uses classic"
                        + " encryption (aes256) without an integrity algorithm; add one such as sha256");
    }

    @Test
    void emptyTextProposalsAndKeywordsAreNamed() {
        assertThatThrownBy(() -> IkeProposals.parse(" ")).hasMessageStartingWith("no IKE proposals given; expected strongSwan");
        assertThatThrownBy(() -> IkeProposals.parse(null)).hasMessageStartingWith("no IKE proposals given");
        assertThatThrownBy(() -> IkeProposals.parse("aes256-sha256-modp2048,"))
                .hasMessageStartingWith("IKE proposal 2 of 'aes256-sha256-modp2048,' is empty; ");
        assertThatThrownBy(() -> IkeProposals.parse("aes256--sha256-modp2048"))
                .hasMessageStartingWith("empty keyword (two dashes in a row?) in IKE proposal 1 'aes256--sha256-modp2048'");
    }

    @Test
    void atMost255Proposals() {
        String many = String.join(",", java.util.Collections.nCopies(256, "aes128-sha1-modp2048"));

        assertThatThrownBy(() -> IkeProposals.parse(many)).hasMessageContaining("256 IKE proposals in ")
                .hasMessageEndingWith("but an SA payload numbers at most 255");
        assertThat(IkeProposals.parse(many.substring(many.indexOf(',') + 1)).proposals()).hasSize(255);
    }

    @Test
    void theRecordRefusesNothingToOffer() {
        assertThatThrownBy(() -> new IkeProposals("x", List.of(), List.of(DhGroup.ECP_256)))
                .hasMessageStartingWith("no proposal or no DH group in 'x'");
    }

    private static List<Integer> prfs(String text) {
        return IkeProposals.parse(text).proposals().get(0).transforms().stream()
                .filter(t -> t.type() == SecurityAssociation.PRF).map(Transform::id).toList();
    }
}
