package dev.wificall.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.discovery.EpdgName;
import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckTargetTest {

    private static final CheckTarget VERIZON = CheckTarget.of(SelectionInput.of(Plmn.parse("311-480")), CheckSettings.DEFAULTS);
    private static final CheckTarget TELEKOM = CheckTarget.of(SelectionInput.of(Plmn.parse("262-01")), CheckSettings.DEFAULTS);

    @Test
    void bothGivesTheThreeGppNameThenTheCarrierNameWithItsPhones() {
        List<CheckTarget> out = CheckTarget.asPhonesSeeThem(List.of(VERIZON, TELEKOM), NamePolicy.BOTH, false);
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).isEqualTo(VERIZON);
        CheckTarget carrier = out.get(1);
        assertThat(carrier.operator().configured()).map(EpdgName::fqdn).contains("wo.vzwwo.com");
        assertThat(carrier.operator().plmn()).isEqualTo(Plmn.parse("311-480"));
        assertThat(carrier.operator().label()).isEqualTo("311-480 Verizon");
        assertThat(carrier.phones()).hasSize(11).first().isEqualTo("samsung VZW_US");
        assertThat(carrier.offer()).isEmpty();
        assertThat(out.get(2)).isEqualTo(TELEKOM);
    }

    @Test
    void carrierReplacesTheThreeGppNameOnlyWhereThePhonesHaveOne() {
        List<CheckTarget> out = CheckTarget.asPhonesSeeThem(List.of(VERIZON, TELEKOM), NamePolicy.CARRIER, false);
        assertThat(out).extracting(t -> t.operator().configured().map(EpdgName::fqdn).orElse("built"))
                .containsExactly("wo.vzwwo.com", "built");
        assertThat(CheckTarget.asPhonesSeeThem(List.of(VERIZON), NamePolicy.THREE_GPP, false)).containsExactly(VERIZON);
    }

    @Test
    void aConfiguredNameOrAnAreaStaysAsGiven() {
        CheckTarget configured = CheckTarget.of(SelectionInput.configured("epdg.example.net"), CheckSettings.DEFAULTS);
        CheckTarget area = CheckTarget.of(SelectionInput.of(Plmn.parse("311-480")).withTac(0x1A2B), CheckSettings.DEFAULTS);
        assertThat(CheckTarget.asPhonesSeeThem(List.of(configured, area), NamePolicy.BOTH, false))
                .containsExactly(configured, area);
    }

    @Test
    void phoneOffersCopyAPhoneThatUsesTheName() {
        List<CheckTarget> out = CheckTarget.asPhonesSeeThem(List.of(VERIZON), NamePolicy.CARRIER, true);
        assertThat(out).hasSize(1);
        CheckTarget.PhoneOffer offer = out.get(0).offer().orElseThrow();
        assertThat(offer.phone()).isEqualTo("samsung VZW_US");
        assertThat(offer.proposals().toString()).contains("aes256").contains("modp2048");
        // no replayable profile of 262-01 uses a name of its own: the 3GPP target copies one of its phones
        CheckTarget telekom = CheckTarget.asPhonesSeeThem(List.of(TELEKOM), NamePolicy.BOTH, true).get(0);
        assertThat(telekom.offer()).isPresent();
    }

    @Test
    void namePolicyMistakesNameTheTextAndTheChoices() {
        assertThat(NamePolicy.parse(" Carrier ")).isEqualTo(NamePolicy.CARRIER);
        assertThatThrownBy(() -> NamePolicy.parse("vendor")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'vendor' is not a choice of ePDG names; expected 3gpp, carrier, both");
    }
}
