package dev.wificall.esp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.ike.ChildSaKeys;
import dev.wificall.ike.EncryptionAlgorithm;
import dev.wificall.ike.IntegrityAlgorithm;
import dev.wificall.ike.Prf;
import dev.wificall.ike.SecurityAssociation;
import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class EspSaTest {
    private static final SecureRandom RANDOM = new SecureRandom(new byte[] {1});

    static Stream<ChildSaKeys.Suite> suites() {
        return Stream.of(new ChildSaKeys.Suite(EncryptionAlgorithm.AES_GCM_16, 256, null),
                new ChildSaKeys.Suite(EncryptionAlgorithm.AES_GCM_16, 128, null),
                new ChildSaKeys.Suite(EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.HMAC_SHA2_256_128),
                new ChildSaKeys.Suite(EncryptionAlgorithm.AES_CBC, 256, IntegrityAlgorithm.HMAC_SHA1_96),
                new ChildSaKeys.Suite(EncryptionAlgorithm.AES_CBC, 256, IntegrityAlgorithm.HMAC_SHA2_512_256));
    }

    private static ChildSaKeys keys(ChildSaKeys.Suite suite) {
        byte[] skD = new byte[32];
        RANDOM.nextBytes(skD);
        return ChildSaKeys.derive(suite, Prf.byId(5).orElseThrow(), skD, new byte[32], new byte[32]);
    }

    @ParameterizedTest
    @MethodSource("suites")
    void whatOneSideSealsTheOtherOpensWithTheRightLengthAndNextHeader(ChildSaKeys.Suite suite) throws Exception {
        ChildSaKeys k = keys(suite);
        // the ePDG's view: its outbound is our inbound; model it with the responder's keys
        EspSa ours = EspSa.outbound(k, 0x11223344);
        EspSa theirs = peerInbound(k, 0x11223344);
        for (int size : new int[] {1, 20, 1357, 1400}) {
            byte[] inner = new byte[size];
            RANDOM.nextBytes(inner);
            byte[] esp = ours.seal(EspSa.IPV4, inner, RANDOM);
            assertThat(esp.length).isEqualTo(size + ours.overhead(size));
            EspSa.Opened opened = theirs.open(esp, 0, esp.length);
            assertThat(opened.inner()).isEqualTo(inner);
            assertThat(opened.nextHeader()).isEqualTo(EspSa.IPV4);
            assertThat(opened.sequence()).isEqualTo(ours.sequence());
        }
    }

    /** The responder's inbound SA: initiator-to-responder keys on its own SPI. */
    private static EspSa peerInbound(ChildSaKeys k, int spi) {
        ChildSaKeys mirrored = new ChildSaKeys(k.encryption(), k.keyBits(), k.integrity(), k.encryptionRi(), k.integrityRi(),
                k.encryptionIr(), k.integrityIr());
        return EspSa.inbound(mirrored, spi);
    }

    @ParameterizedTest
    @MethodSource("suites")
    void aFlippedBitReplayAndWrongSpiAreRefusedWithoutMovingTheWindow(ChildSaKeys.Suite suite) throws Exception {
        ChildSaKeys k = keys(suite);
        EspSa ours = EspSa.outbound(k, 0x0A0B0C0D);
        EspSa theirs = peerInbound(k, 0x0A0B0C0D);
        byte[] first = ours.seal(EspSa.IPV6, new byte[60], RANDOM);
        byte[] tampered = first.clone();
        tampered[tampered.length - 20] ^= 1;
        assertThatThrownBy(() -> theirs.open(tampered, 0, tampered.length)).isInstanceOf(EspException.class)
                .hasMessageContaining("does not verify").extracting(e -> ((EspException) e).reason())
                .isEqualTo(EspException.Reason.INTEGRITY);
        assertThat(theirs.sequence()).isZero();
        theirs.open(first, 0, first.length);
        assertThatThrownBy(() -> theirs.open(first, 0, first.length)).isInstanceOf(EspException.class)
                .hasMessageContaining("was received before");
        EspSa stranger = peerInbound(k, 0x01010101);
        assertThatThrownBy(() -> stranger.open(first, 0, first.length)).hasMessageContaining("SPI 0x0a0b0c0d, expected 0x01010101");
        assertThatThrownBy(() -> theirs.open(first, 0, 11)).isInstanceOf(EspException.class);
    }

    @Test
    void theReplayWindowTakesLateArrivalsInsideSixtyFourAndRefusesOlderOnes() throws Exception {
        ChildSaKeys k = keys(new ChildSaKeys.Suite(EncryptionAlgorithm.AES_GCM_16, 128, null));
        EspSa ours = EspSa.outbound(k, 0x01000001);
        EspSa theirs = peerInbound(k, 0x01000001);
        byte[][] sent = new byte[80][];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = ours.seal(EspSa.IPV4, new byte[] {(byte) i}, RANDOM);
        }
        theirs.open(sent[79], 0, sent[79].length);
        theirs.open(sent[20], 0, sent[20].length); // packet 21: 58 behind, inside the window
        assertThatThrownBy(() -> theirs.open(sent[10], 0, sent[10].length)).hasMessageContaining("left of the replay window");
        assertThat(theirs.sequence()).isEqualTo(80);
    }

    @Test
    void theChildProposalMustBeEspWithTransformsWeCanRun() {
        Proposal gcm = Proposal.esp(1, new byte[] {1, 2, 3, 4}, List.of(Transform.encr(20, 256), Transform.noEsn()));
        assertThat(ChildSaKeys.suite(gcm).describe()).isEqualTo("ENCR_AES_GCM_16 256");
        Proposal des = Proposal.esp(1, new byte[] {1, 2, 3, 4}, List.of(Transform.of(SecurityAssociation.ENCR, 3),
                Transform.of(SecurityAssociation.INTEG, 2), Transform.noEsn()));
        assertThatThrownBy(() -> ChildSaKeys.suite(des)).hasMessageContaining("ENCR_3DES").hasMessageContaining("supports ENCR_AES_CBC");
        Proposal esn = Proposal.esp(1, new byte[] {1, 2, 3, 4}, List.of(Transform.encr(20, 128),
                Transform.of(SecurityAssociation.ESN, SecurityAssociation.USE_ESN)));
        assertThatThrownBy(() -> ChildSaKeys.suite(esn)).hasMessageContaining("extended sequence numbers");
    }

    @Test
    void keysNeverShowInText() {
        ChildSaKeys k = keys(new ChildSaKeys.Suite(EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.HMAC_SHA2_256_128));
        assertThat(k.toString()).isEqualTo("ChildSaKeys[ENCR_AES_CBC 128, AUTH_HMAC_SHA2_256_128, encryption 16 B, integrity 32 B per direction]");
        assertThat(EspSa.outbound(k, 0x12345678).toString()).isEqualTo("EspSa[SPI 0x12345678, ENCR_AES_CBC 128, AUTH_HMAC_SHA2_256_128, sequence 0]");
    }
}
