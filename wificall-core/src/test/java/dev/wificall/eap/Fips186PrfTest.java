package dev.wificall.eap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Fips186PrfTest {
    static final HexFormat HEX = HexFormat.of();

    /** RFC 4186 Appendix A.5: MK and K_encr | K_aut | MSK | EMSK, the same PRF and split as RFC 4187. */
    static final byte[] RFC4186_MK = HEX.parseHex("e576d5ca332e9930018bf1baee2763c795b3c712");
    static final String RFC4186_KEYS = "536e5ebc4465582aa6a8ec9986ebb620" + "25af1942efcbf4bc72b3943421f2a974"
            + "39d45aeaf4e30601983e972b6cfd46d1c363773365690d09cd44976b525f47d3"
            + "a60a985e955c53b090b2e4b73719196a402542968fd14a888f46b9a7886e4488"
            + "5949eab0fff69d52315c6c634fd14a7f0d52023d56f79698fa6596abeed4f93f"
            + "bb48eb534d985414ceed0d9a8ed33c387c9dfdab92ffbdf240fcecf65a2c93b9";

    @Test
    void nistChangeNotice1Example() {
        // FIPS 186-2 change notice 1, Appendix 3.1 example ("Multiple Examples of DSA" §2.2): XKEY, XSEED = 0
        byte[] xkey = HEX.parseHex("bd029bbe7f51960bcf9edb2b61f06f0feb5a38b6");
        assertThat(HEX.formatHex(Fips186Prf.generate(xkey, 40)))
                .isEqualTo("2070b3223dba372fde1c0ffc7b2e3b498b260614" + "3c6c18bacb0f6c55babb13788e20d737a3275116");
    }

    @Test
    void nistIntermediateXkeyGivesTheSecondW() {
        // the same example: after the first round XKEY = dd734ee0 ..., and G of it is w_1
        byte[] xkey2 = HEX.parseHex("dd734ee0bd0bcd3badbaeb27dd1eaa5976803ecb");
        assertThat(HEX.formatHex(Fips186Prf.g(xkey2))).isEqualTo("3c6c18bacb0f6c55babb13788e20d737a3275116");
    }

    @Test
    void rfc4186AppendixA5KeyStream() {
        assertThat(HEX.formatHex(Fips186Prf.generate(RFC4186_MK, 160))).isEqualTo(RFC4186_KEYS);
    }

    @Test
    void shorterOutputIsAPrefix() {
        byte[] full = Fips186Prf.generate(RFC4186_MK, 160);
        for (int n : new int[] {0, 1, 19, 20, 21, 59, 100}) {
            assertThat(Fips186Prf.generate(RFC4186_MK, n)).isEqualTo(Arrays.copyOf(full, n));
        }
    }

    @Test
    void gIsOneShaCompressionWithoutPadding() throws Exception {
        // a message of one block, padded by hand, hashes to G of that block: checks the Bouncy Castle state layout
        byte[] block = new byte[64];
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(abc, 0, block, 0, 3);
        block[3] = (byte) 0x80;
        block[63] = 24;
        assertThat(Fips186Prf.g(block)).isEqualTo(MessageDigest.getInstance("SHA-1").digest(abc));
    }

    @Test
    void keyIsNotModified() {
        byte[] key = RFC4186_MK.clone();
        Fips186Prf.generate(key, 160);
        assertThat(key).isEqualTo(RFC4186_MK);
    }

    @Test
    void rejectsWrongKeyLength() {
        assertThatThrownBy(() -> Fips186Prf.generate(new byte[16], 40))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("FIPS 186-2 PRF key must be 20 bytes, not 16");
    }
}
