package dev.wificall.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.ike.DhGroup;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhoneProfilesTest {

    @Test
    void shippedProfilesLoadWithTheirSource() {
        PhoneProfiles all = PhoneProfiles.load();
        assertThat(all.rows()).isEqualTo(1713);
        // profiles that name their DH groups and only transforms a phone offer can be rebuilt from
        assertThat(all.all()).hasSizeBetween(700, 760);
        List<PhoneProfile> telekom = all.forPlmn("262", "01");
        assertThat(telekom).extracting(PhoneProfile::label).containsExactly("samsung TMobile_DE",
                "apple TMobile_Germany_iPhone", "qualcomm-mbn-xiaomi Commercial-DT-VOLTE", "qualcomm-mbn-oppo Commercial-DT-VOLTE");
        assertThat(telekom.get(1).offer().describe()).isEqualTo("aes256-sha1-prfsha1-modp1024");
        assertThat(telekom.get(0).groups()).containsExactly(DhGroup.MODP_2048, DhGroup.MODP_3072, DhGroup.ECP_256);
        assertThat(telekom.get(0).assumed()).isEmpty();
    }

    @Test
    void vendorSpellingsBecomeStrongSwanKeywordsAndGapsAreSaid() throws Exception {
        String csv = String.join("\n", "# source line", "vendor,profile,plmns,epdg_fqdn,dh_groups,encryption,integrity,prf,x,y,z",
                "qualcomm-mbn-oppo,A,262-001,,14 5,AES_CBC,HMAC_SHA1_96 HMAC_SHA2_256_128,AES128_XCBC,,,",
                "apple,B,262-01,,2,,,,,,", "samsung,C,262-01,,,AES_CBC,,,,,", "samsung,D,262-01,,8,AES_CBC,,,,,",
                "samsung,E,262-01,,14,NULL,HMAC_SHA1_96,,,,");
        PhoneProfiles p = PhoneProfiles.parse(new BufferedReader(new StringReader(csv)));
        assertThat(p.rows()).isEqualTo(5);
        assertThat(p.all()).extracting(PhoneProfile::name).containsExactly("A", "B");
        assertThat(p.all().get(0).offer().describe()).isEqualTo("aes128-aes256-sha1-sha256-prfaesxcbc-modp2048-modp1536");
        assertThat(p.all().get(1).assumed()).isEqualTo("encryption aes256-aes128; integrity sha256-sha1");
        assertThat(p.forPlmn("262", "1")).hasSize(2);
    }

    @Test
    void knownKeysAreTheStudysFortyNine() {
        KnownStaticKeys k = KnownStaticKeys.load();
        assertThat(k.size()).isEqualTo(49);
        assertThat(k.group("C91FBB17C38E95C3590C54838BAB62808DF808CCE198C3BA24E830C8F3CC2FC7")).hasValue(1);
        assertThat(k.group("00".repeat(32))).isEmpty();
    }
}
