package dev.wificall.eap;

import static dev.wificall.eap.Fips186PrfTest.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.eap.EapAkaAttribute.Res;
import dev.wificall.eap.MalformedEapException.Reason;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class EapAkaMacTest {
    static final byte[] K_AUT = HEX.parseHex("25af1942efcbf4bc72b3943421f2a974");

    /** HMAC-SHA1 by Bouncy Castle's lightweight API, independent of the JCA path under test. */
    private static byte[] reference(byte[] data) {
        HMac h = new HMac(new SHA1Digest());
        h.init(new KeyParameter(K_AUT));
        h.update(data, 0, data.length);
        byte[] out = new byte[20];
        h.doFinal(out, 0);
        return Arrays.copyOf(out, 16);
    }

    @Test
    void macIsHmacSha1Of128BitsOverThePacketWithZeroedMac() throws Exception {
        byte[] challenge = HEX.parseHex(EapAkaMessageTest.CHALLENGE);
        byte[] zeroed = challenge.clone();
        Arrays.fill(zeroed, 52, 68, (byte) 0); // AT_MAC at 48, its value after 4 bytes
        assertThat(EapAkaMac.macValueOffset(challenge)).isEqualTo(52);
        assertThat(EapAkaMac.computeMac(challenge, K_AUT)).isEqualTo(reference(zeroed));
    }

    @Test
    void verifiesAServerChallengeSignedWithKAut() throws Exception {
        byte[] challenge = HEX.parseHex(EapAkaMessageTest.CHALLENGE);
        assertThat(EapAkaMac.verifyMac(challenge, K_AUT)).isFalse();
        byte[] signed = EapAkaMac.sign(challenge, K_AUT);
        assertThat(EapAkaMac.verifyMac(signed, K_AUT)).isTrue();
        assertThat(EapAkaMac.verifyMac(signed, new byte[16])).isFalse();
    }

    @Test
    void anyChangedByteBreaksTheMac() throws Exception {
        byte[] signed = EapAkaMessage.challengeResponse(42, Res.of(new byte[8]), K_AUT, true);
        for (int i = 0; i < signed.length; i++) {
            byte[] b = signed.clone();
            b[i] ^= 0x01;
            try {
                assertThat(EapAkaMac.verifyMac(b, K_AUT)).as("byte %d flipped", i).isFalse();
            } catch (MalformedEapException e) {
                // the flip broke the structure (code, length, attribute type): also not accepted
            }
        }
    }

    @Test
    void extraDataIsAppended() throws Exception {
        byte[] challenge = HEX.parseHex(EapAkaMessageTest.CHALLENGE);
        byte[] nonceS = HEX.parseHex("0123456789abcdeffedcba9876543210");
        byte[] zeroed = challenge.clone();
        Arrays.fill(zeroed, 52, 68, (byte) 0);
        byte[] both = Arrays.copyOf(zeroed, zeroed.length + 16);
        System.arraycopy(nonceS, 0, both, zeroed.length, 16);
        assertThat(EapAkaMac.computeMac(challenge, K_AUT, nonceS)).isEqualTo(reference(both));
    }

    @Test
    void packetWithoutMacIsRejected() {
        byte[] sync = EapAkaMessage.synchronizationFailure(1, new byte[14]).encode();
        assertThatThrownBy(() -> EapAkaMac.verifyMac(sync, K_AUT))
                .isInstanceOf(MalformedEapException.class)
                .hasMessage("AKA-Synchronization-Failure RESPONSE carries no AT_MAC")
                .satisfies(e -> assertThat(((MalformedEapException) e).reason()).isEqualTo(Reason.BAD_ATTRIBUTE));
    }

    @Test
    void rejectsWrongKeyLength() {
        byte[] challenge = HEX.parseHex(EapAkaMessageTest.CHALLENGE);
        assertThatThrownBy(() -> EapAkaMac.computeMac(challenge, new byte[20]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("K_aut must be 16 bytes, not 20");
    }
}
