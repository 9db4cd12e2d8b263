package dev.wificall.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhoneNamesTest {

    @Test
    void verizonPhonesUseTheirCarriersOwnName() {
        List<PhoneNames.Configured> names = PhoneNames.shipped().forPlmn(Plmn.parse("311-480"));
        assertThat(names).extracting(PhoneNames.Configured::fqdn).containsExactly("wo.vzwwo.com");
        assertThat(names.get(0).phones()).hasSize(11).startsWith("samsung VZW_US", "samsung VZW_US:CCT")
                .contains("samsung VZW_US:Visible");
    }

    @Test
    void mncWidthsCompareByValueAndTheThreeGppNameIsNotACarrierName() {
        // the source writes 272-002 for Three Ireland; the SIM says 272-02
        assertThat(PhoneNames.shipped().forPlmn(Plmn.parse("272-02"))).extracting(PhoneNames.Configured::fqdn)
                .containsExactly("epdg.three.ie");
        assertThat(PhoneNames.shipped().forPlmn(Plmn.parse("310-030"))).extracting(PhoneNames.Configured::fqdn)
                .containsExactly("epdg.epc.att.net");
        assertThat(PhoneNames.shipped().forPlmn(Plmn.parse("262-01"))).isEmpty();
    }

    @Test
    void templatesThreeGppNamesAndAddressesAreLeftOut() throws IOException {
        PhoneNames names = PhoneNames.parse(new BufferedReader(new StringReader("""
                # a comment
                vendor,profile,plmns,epdg_fqdn,dh_groups
                samsung,A,001-01,epdg.epc.mncXXX.mccXXX.pub.3gppnetwork.example,14
                samsung,B,001-01,epdg.epc.mnc001.mcc001.pub.3gppnetwork.org,14
                samsung,C,001-01 001-02,69.79.196.12,
                samsung,D,001-01 001-02,Epdg.Example.NET,
                apple,E,001-001,epdg.example.net,
                apple,F,,epdg.nowhere.example,
                """)));
        assertThat(names.addressProfiles()).isEqualTo(1);
        List<PhoneNames.Configured> found = names.forPlmn(Plmn.parse("001-01"));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).fqdn()).isEqualTo("epdg.example.net");
        assertThat(found.get(0).phones()).containsExactly("samsung D", "apple E");
        assertThat(names.forPlmn(Plmn.parse("001-02"))).extracting(PhoneNames.Configured::phones)
                .containsExactly(List.of("samsung D"));
    }
}
