package dev.wificall.ike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.ike.IkePayload.KeyExchange;
import dev.wificall.ike.IkePayload.Notify;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** IKE_INTERMEDIATE with SK{KE} both ways, and the keys after it (RFC 9242, RFC 9370 §2.2.2). */
class IkeIntermediateTest {
    private final SecureRandom random = new SecureRandom();
    private final SkPayloadSuite suite = SkPayloadSuite.of(IkeProposals.parse("aes256gcm16-prfsha384-x25519-ke1_mlkem768")
            .proposals().get(0));
    private final byte[] ni = bytes(32, 1);
    private final byte[] nr = bytes(32, 2);
    private final long spiI = 0x1111222233334444L;
    private final long spiR = 0x5555666677778888L;
    private final IkeSaKeys keys = IkeSaKeys.derive(suite, ni, nr, bytes(32, 3), spiI, spiR);
    private final IkeIntermediate x = new IkeIntermediate(spiI, spiR, 1);

    private static byte[] bytes(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void aHybridExchangeRoundTripsUnderTheIkeSaInitKeysAndBothSidesShareSk1() throws Exception {
        MlKem.KeyPair pair = MlKem.ML_KEM_768.generateKeyPair(random);
        byte[] request = SkPayload.sending(suite, keys, true).seal(x.request(new KeyExchange(36, pair.encapsulationKey())),
                random);

        // the responder opens it, encapsulates, answers
        IkeMessage asked = SkPayload.receiving(suite, keys, false).open(request);
        assertThat(asked.exchangeType()).isEqualTo(IkeMessage.IKE_INTERMEDIATE);
        assertThat(asked.messageId()).isEqualTo(1);
        assertThat(asked.isInitiator()).isTrue();
        assertThat(asked.describe()).isEqualTo("IKE_INTERMEDIATE request 1 [KE]");
        KeyExchange ek = asked.payloads(KeyExchange.class).get(0);
        assertThat(ek.group()).isEqualTo(36);
        assertThat(ek.data()).hasSize(1184).isEqualTo(pair.encapsulationKey());
        MlKem.Encapsulation e = MlKem.ML_KEM_768.encapsulate(ek.data(), random);
        byte[] answer = SkPayload.sending(suite, keys, false).seal(x.response(List.of(new KeyExchange(36, e.ciphertext()))),
                random);
        // 28 header, 4 SK header, 8 IV, 8 + 1088 KE, 1 pad length, 16 ICV
        assertThat(answer).hasSize(28 + 4 + 8 + 1096 + 1 + 16);
        assertThat(request).hasSize(28 + 4 + 8 + 1192 + 1 + 16);

        IkeMessage outer = IkeMessage.decode(answer);
        assertThat(x.mismatch(outer)).isEmpty();
        IkeMessage opened = SkPayload.receiving(suite, keys, true).open(answer);
        IkeIntermediate.Result<KeyExchange> ke = IkeIntermediate.keyExchange(opened, 36);
        assertThat(ke.ok()).isTrue();
        byte[] secret = pair.decapsulate(ke.value().data());
        assertThat(secret).isEqualTo(e.sharedSecret());
        assertThat(keys.next(suite, secret, ni, nr, spiI, spiR)).isEqualTo(keys.next(suite, e.sharedSecret(), ni, nr, spiI, spiR))
                .isNotEqualTo(keys);
    }

    @Test
    void theNextKeysAreRfc9370sSkeyseedOfSkdThenPrfPlusWithTheSameSpis() {
        byte[] sk1 = bytes(32, 9);
        Prf prf = suite.prf();

        IkeSaKeys next = keys.next(suite, sk1, ni, nr, spiI, spiR);

        byte[] skeyseed = prf.apply(keys.skD(), ByteBuffer.allocate(96).put(sk1).put(ni).put(nr).array());
        byte[] seed = ByteBuffer.allocate(80).put(ni).put(nr).putLong(spiI).putLong(spiR).array();
        byte[] keymat = PrfPlus.expand(prf, skeyseed, seed, 3 * 48 + 2 * 36);
        assertThat(next.skD()).isEqualTo(java.util.Arrays.copyOfRange(keymat, 0, 48));
        assertThat(next.skAi()).isEmpty();
        assertThat(next.skEi()).isEqualTo(java.util.Arrays.copyOfRange(keymat, 48, 84));
        assertThat(next.skEr()).isEqualTo(java.util.Arrays.copyOfRange(keymat, 84, 120));
        assertThat(next.skPr()).isEqualTo(java.util.Arrays.copyOfRange(keymat, 168, 216));
    }

    @Test
    void mlKem1024sAnswerComesTogetherFromIkeFragments() throws Exception {
        MlKem.KeyPair pair = MlKem.ML_KEM_1024.generateKeyPair(random);
        MlKem.Encapsulation e = MlKem.ML_KEM_1024.encapsulate(pair.encapsulationKey(), random);
        // as strongSwan's fragment_size 1280 splits it: two fragments
        List<byte[]> fragments = SkPayload.sending(suite, keys, false).sealFragments(
                x.response(List.of(new KeyExchange(37, e.ciphertext()))), 1280 - 28, random);
        assertThat(fragments).hasSize(2);

        FragmentAssembly assembly = new FragmentAssembly(SkPayload.receiving(suite, keys, true));
        assertThat(assembly.add(fragments.get(1))).isEmpty();
        IkeMessage opened = assembly.add(fragments.get(0)).orElseThrow();

        assertThat(pair.decapsulate(IkeIntermediate.keyExchange(opened, 37).value().data())).isEqualTo(e.sharedSecret());
    }

    @Test
    void answersThatAreNotTheKeAskedForAreNamed() {
        assertThat(IkeIntermediate.keyExchange(x.response(List.of(Notify.of(Notify.NO_PROPOSAL_CHOSEN, new byte[0]))), 36)
                .problem()).isEqualTo("notify NO_PROPOSAL_CHOSEN");
        assertThat(IkeIntermediate.keyExchange(x.response(List.of()), 36).problem())
                .isEqualTo("no KE payload (it sent IKE_INTERMEDIATE response 1 [])");
        assertThat(IkeIntermediate.keyExchange(x.response(List.of(new KeyExchange(37, new byte[1568]))), 36).problem())
                .isEqualTo("a KE for ML-KEM-1024 (37) instead of ML-KEM-768 (36)");
        KeyExchange ke = new KeyExchange(36, new byte[1088]);
        assertThat(IkeIntermediate.keyExchange(x.response(List.of(ke, ke)), 36).problem())
                .isEqualTo("2 KE payloads (one is answered with one)");
    }

    @Test
    void onlyTheResponseToThisRequestMatches() {
        IkeMessage good = x.response(List.of());
        assertThat(x.mismatch(good)).isEmpty();
        assertThat(new IkeIntermediate(spiI, spiR, 2).mismatch(good))
                .contains("an IKE_INTERMEDIATE response with message ID 1, not 2");
        assertThat(x.mismatch(x.request(new KeyExchange(36, new byte[1184])))).contains("not a response from the responder"
                + " (flags 0x08)");
        IkeMessage auth = new IkeMessage(spiI, spiR, IkeMessage.VERSION_2_0, 35, IkeMessage.FLAG_RESPONSE, 1, List.of());
        assertThat(x.mismatch(auth)).isEqualTo(Optional.of("an IKE_AUTH response, not IKE_INTERMEDIATE"));
        assertThatThrownBy(() -> new IkeIntermediate(spiI, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SPIr must both be set");
    }

    @Test
    void aBadIcvIsAnIntegrityFailure() {
        byte[] answer = SkPayload.sending(suite, keys, false).seal(x.response(List.of(new KeyExchange(36, new byte[1088]))),
                random);
        answer[answer.length - 1] ^= 1;

        assertThatThrownBy(() -> SkPayload.receiving(suite, keys, true).open(answer))
                .isInstanceOf(SkPayloadIntegrityException.class);
    }
}
