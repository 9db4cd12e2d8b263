package dev.wificall.eap;

import static dev.wificall.eap.Fips186PrfTest.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class AkaKeysTest {

    @Test
    void rfc4186AppendixA5KeySplit() {
        AkaKeys keys = AkaKeys.fromMasterKey(Fips186PrfTest.RFC4186_MK);
        assertThat(HEX.formatHex(keys.kEncr())).isEqualTo("536e5ebc4465582aa6a8ec9986ebb620");
        assertThat(HEX.formatHex(keys.kAut())).isEqualTo("25af1942efcbf4bc72b3943421f2a974");
        assertThat(HEX.formatHex(keys.msk())).isEqualTo("39d45aeaf4e30601983e972b6cfd46d1c363773365690d09cd44976b525f47d3"
                + "a60a985e955c53b090b2e4b73719196a402542968fd14a888f46b9a7886e4488");
        assertThat(HEX.formatHex(keys.emsk())).isEqualTo("5949eab0fff69d52315c6c634fd14a7f0d52023d56f79698fa6596abeed4f93f"
                + "bb48eb534d985414ceed0d9a8ed33c387c9dfdab92ffbdf240fcecf65a2c93b9");
    }

    @Test
    void masterKeyIsSha1OfIdentityThenIkThenCk() throws Exception {
        byte[] identity = "0001010123456789@wlan.mnc001.mcc001.3gppnetwork.org".getBytes(StandardCharsets.UTF_8);
        byte[] ik = HEX.parseHex("f769bcd751044604127672711c6d3441");
        byte[] ck = HEX.parseHex("b40ba9a3c58b2a05bbf0d987b21bf8cb");
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(identity);
        sha1.update(ik);
        byte[] mk = sha1.digest(ck);

        AkaKeys keys = AkaKeys.derive(identity, ik, ck);
        assertThat(keys.mk()).isEqualTo(mk);
        assertThat(keys).isEqualTo(AkaKeys.fromMasterKey(mk));
        assertThat(AkaKeys.derive(identity, ck, ik)).isNotEqualTo(keys);
        assertThat(AkaKeys.derive("0001010123456789@wlan.mnc001.mcc001.3gppnetwork.org", ik, ck)).isEqualTo(keys);
    }

    @Test
    void toStringHidesKeys() {
        AkaKeys keys = AkaKeys.fromMasterKey(Fips186PrfTest.RFC4186_MK);
        assertThat(keys.toString()).doesNotContain("25af1942").doesNotContain("536e5ebc").contains("redacted");
    }

    @Test
    void rejectsWrongSizes() {
        assertThatThrownBy(() -> AkaKeys.derive(new byte[4], new byte[15], new byte[16]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("IK must be 16 bytes, not 15");
        assertThatThrownBy(() -> AkaKeys.fromMasterKey(new byte[16]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("MK must be 20 bytes, not 16");
    }
}
