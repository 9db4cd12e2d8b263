package dev.wificall.ike;

import static dev.wificall.ike.Samples.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.ike.IkePayload.Authentication;
import dev.wificall.ike.IkePayload.Certificate;
import dev.wificall.ike.IkePayload.Eap;
import dev.wificall.ike.IkePayload.Identification;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** IKE fragmentation (RFC 7383): SkPayload.sealFragments on one side, FragmentAssembly on the other. */
class SkFragmentTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IKE_AUTH = 35;
    private static final SkPayloadSuite GCM_16_128 = new SkPayloadSuite(EncryptionAlgorithm.AES_GCM_16, 128, null, Prf.HMAC_SHA2_256);
    private static final SkPayloadSuite CBC_256_SHA256 = new SkPayloadSuite(EncryptionAlgorithm.AES_CBC, 256,
            IntegrityAlgorithm.HMAC_SHA2_256_128, Prf.HMAC_SHA2_256);

    static Stream<Arguments> suitesAndSizes() {
        return SkPayloadTest.suites().flatMap(s -> Stream.of(Arguments.of(s, 576), Arguments.of(s, 1280)));
    }

    private static IkeSaKeys keys(SkPayloadSuite suite) {
        return IkeSaKeys.derive(suite, HEX.parseHex("11".repeat(32)), HEX.parseHex("22".repeat(32)),
                HEX.parseHex("33".repeat(32)), Samples.SPI_I, Samples.SPI_R);
    }

    /** An ePDG's IKE_AUTH response with a certificate chain: about 4 KB inside SK, too large for one 1280-byte datagram. */
    static IkeMessage largeResponse(int messageId) {
        List<IkePayload> payloads = new ArrayList<>();
        payloads.add(new Identification(false, Identification.ID_FQDN, "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org".getBytes()));
        for (int i = 1; i <= 3; i++) {
            byte[] der = new byte[1200];
            Arrays.fill(der, (byte) (0x30 + i));
            payloads.add(new Certificate(Certificate.X509_SIGNATURE, der));
        }
        payloads.add(new Authentication(Authentication.RSA_DIGITAL_SIGNATURE, HEX.parseHex("5a".repeat(256))));
        payloads.add(new Eap(HEX.parseHex("0102001c" + "17010000" + "0105" + "00".repeat(18))));
        return new IkeMessage(Samples.SPI_I, Samples.SPI_R, IkeMessage.VERSION_2_0, IKE_AUTH, IkeMessage.FLAG_RESPONSE,
                messageId, payloads);
    }

    /** Seals as the responder and returns the assembly of the initiator. */
    private static FragmentAssembly initiatorSide(SkPayloadSuite suite) {
        return new FragmentAssembly(SkPayload.receiving(suite, keys(suite), true));
    }

    private static List<byte[]> fragments(SkPayloadSuite suite, IkeMessage message, int limit) {
        return SkPayload.sending(suite, keys(suite), false).sealFragments(message, limit, RANDOM);
    }

    /** Adds every message in order; all but the last must leave the message incomplete. */
    private static IkeMessage assemble(FragmentAssembly assembly, List<byte[]> messages) throws Exception {
        for (int i = 0; i < messages.size() - 1; i++) {
            assertThat(assembly.add(messages.get(i))).as("after %d of %d", i + 1, messages.size()).isEmpty();
        }
        return assembly.add(messages.get(messages.size() - 1)).orElseThrow();
    }

    @ParameterizedTest(name = "{0}, {1} bytes")
    @MethodSource("suitesAndSizes")
    void fragmentsStayWithinTheLimitAndReassembleInAnyOrder(SkPayloadSuite suite, int limit) throws Exception {
        IkeMessage response = largeResponse(1);
        List<byte[]> fragments = fragments(suite, response, limit);

        int total = fragments.size();
        assertThat(total).isGreaterThan(limit == 576 ? 7 : 3);
        for (int n = 1; n <= total; n++) {
            byte[] f = fragments.get(n - 1);
            assertThat(f.length).as("fragment %d", n).isLessThanOrEqualTo(limit);
            assertThat(ByteBuffer.wrap(f, 24, 4).getInt()).as("IKE header length of fragment %d", n).isEqualTo(f.length);
            assertThat(IkeMessage.decode(f).payloads()).singleElement().extracting(IkePayload::type).isEqualTo(53);
            assertThat(ByteBuffer.wrap(f, 32, 4).getInt()).as("Fragment Number | Total Fragments").isEqualTo(n << 16 | total);
            assertThat(f[28]).as("next payload in fragment %d", n).isEqualTo((byte) (n == 1 ? 36 : 0));
        }
        byte[] expected = response.encode();

        assertThat(assemble(initiatorSide(suite), fragments).encode()).isEqualTo(expected);

        List<byte[]> reversed = new ArrayList<>(fragments);
        Collections.reverse(reversed);
        assertThat(assemble(initiatorSide(suite), reversed).encode()).isEqualTo(expected);

        // every fragment but the last, each followed by a copy of an earlier one; the last completes the message
        FragmentAssembly withDuplicates = initiatorSide(suite);
        for (int n = 1; n < total; n++) {
            assertThat(withDuplicates.add(fragments.get(n - 1))).isEmpty();
            assertThat(withDuplicates.add(fragments.get((n - 1) / 2))).isEmpty();
            assertThat(withDuplicates.received()).isEqualTo(n);
            assertThat(withDuplicates.total()).isEqualTo(total);
        }
        Optional<IkeMessage> done = withDuplicates.add(fragments.get(total - 1));
        assertThat(done.orElseThrow().encode()).isEqualTo(expected);
        assertThat(withDuplicates.received()).isZero();
        assertThat(withDuplicates.total()).isZero();
        assertThat(withDuplicates.add(fragments.get(1))).as("a retransmission of the assembled message").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.wificall.ike.SkPayloadTest#suites")
    void anyAlteredByteOfAnyFragmentIsDetected(SkPayloadSuite suite) throws Exception {
        List<byte[]> fragments = fragments(suite, largeResponse(1), 1280);
        // fields whose damage the decoder can see before any ICV: next payload, version, lengths
        Set<Integer> structural = Set.of(16, 17, 24, 25, 26, 27, 30, 31);
        for (byte[] fragment : fragments) {
            FragmentAssembly assembly = initiatorSide(suite);
            for (int at = 0; at < fragment.length; at++) {
                byte[] altered = fragment.clone();
                altered[at] ^= 0x01;
                int position = at;
                assertThatThrownBy(() -> assembly.add(altered)).as("byte %d altered", at)
                        .isInstanceOfAny(SkPayloadIntegrityException.class, MalformedIkeException.class)
                        .satisfies(e -> {
                            if (!structural.contains(position)) {
                                assertThat(e).isInstanceOf(SkPayloadIntegrityException.class);
                            }
                        });
                assertThat(assembly.received()).as("nothing kept of a fragment that failed").isZero();
            }
        }
    }

    @Test
    void integrityFailureNamesTheFragmentAndKeepsWhatArrivedBefore() throws Exception {
        List<byte[]> fragments = fragments(GCM_16_128, largeResponse(1), 1280);
        FragmentAssembly assembly = initiatorSide(GCM_16_128);
        assembly.add(fragments.get(0));
        byte[] altered = fragments.get(1).clone();
        altered[altered.length - 1] ^= 1;

        assertThatThrownBy(() -> assembly.add(altered)).isInstanceOf(SkPayloadIntegrityException.class)
                .hasMessage("IKE_AUTH response 1: the AES-GCM tag of the SKF payload (fragment 2 of " + fragments.size()
                        + ") at offset 28 does not verify with ENCR_AES_GCM_16 128, PRF_HMAC_SHA2_256; the message was altered "
                        + "or the IKE SA keys differ from the peer's");
        assertThat(assembly.received()).isEqualTo(1);
        assertThat(assemble(assembly, fragments.subList(1, fragments.size())).encode()).isEqualTo(largeResponse(1).encode());
    }

    @Test
    void gcmFragmentsMatchRfc7383ByHand() throws Exception {
        IkeSaKeys keys = keys(GCM_16_128);
        IkeMessage response = largeResponse(1);
        List<byte[]> fragments = fragments(GCM_16_128, response, 576);
        byte[] encoded = response.encode();

        // AAD = IKE header | SKF header | Fragment Number | Total Fragments; nonce = salt (end of SK_er) | IV
        ByteBuffer content = ByteBuffer.allocate(encoded.length - 28);
        Set<String> ivs = new HashSet<>();
        for (byte[] f : fragments) {
            assertThat(HEX.formatHex(f, 0, 28)).isEqualTo("0102030405060708a1a2a3a4a5a6a7a8" + "35" + "20" + "23" + "20"
                    + "00000001" + String.format("%08x", f.length));
            assertThat(HEX.formatHex(f, 29, 30)).as("critical bit and reserved").isEqualTo("00");
            byte[] nonce = new byte[12];
            System.arraycopy(keys.skEr(), 16, nonce, 0, 4);
            System.arraycopy(f, 36, nonce, 4, 8);
            ivs.add(HEX.formatHex(f, 36, 44));
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.skEr(), 0, 16, "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(f, 0, 36);
            byte[] plain = gcm.doFinal(f, 44, f.length - 44);
            assertThat(plain[plain.length - 1]).as("pad length").isZero();
            content.put(plain, 0, plain.length - 1);
        }
        assertThat(ivs).as("a fresh IV for every fragment").hasSize(fragments.size());
        assertThat(content.array()).isEqualTo(Arrays.copyOfRange(encoded, 28, encoded.length));
        assertThat(Byte.toUnsignedInt(fragments.get(0)[28])).as("first fragment names IDr").isEqualTo(36);
    }

    @Test
    void cbcFragmentsMatchRfc7383ByHand() throws Exception {
        IkeSaKeys keys = keys(CBC_256_SHA256);
        IkeMessage response = largeResponse(1);
        List<byte[]> fragments = fragments(CBC_256_SHA256, response, 1280);
        byte[] encoded = response.encode();

        // the ICV covers the whole fragment message before it; each fragment has its own IV and padding
        ByteBuffer content = ByteBuffer.allocate(encoded.length - 28);
        for (byte[] f : fragments) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.skAr(), "HmacSHA256"));
            mac.update(f, 0, f.length - 16);
            assertThat(Arrays.copyOfRange(f, f.length - 16, f.length)).isEqualTo(Arrays.copyOf(mac.doFinal(), 16));
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.skEr(), "AES"), new IvParameterSpec(f, 36, 16));
            byte[] plain = aes.doFinal(f, 52, f.length - 52 - 16);
            int pad = plain[plain.length - 1];
            content.put(plain, 0, plain.length - pad - 1);
        }
        assertThat(content.array()).isEqualTo(Arrays.copyOfRange(encoded, 28, encoded.length));
    }

    @Test
    void aMessageThatFitsStaysOneSkMessage() throws Exception {
        IkeMessage small = new IkeMessage(Samples.SPI_I, Samples.SPI_R, IkeMessage.VERSION_2_0, IKE_AUTH, IkeMessage.FLAG_RESPONSE,
                1, List.of(new Eap(HEX.parseHex("03010004"))));
        SkPayload sender = SkPayload.sending(GCM_16_128, keys(GCM_16_128), false);

        List<byte[]> out = sender.sealFragments(small, 1280, RANDOM);

        assertThat(out).singleElement().satisfies(m -> assertThat(m[16]).as("SK, not SKF").isEqualTo((byte) 46));
        assertThat(initiatorSide(GCM_16_128).add(out.get(0)).orElseThrow().encode()).isEqualTo(small.encode());
        // exactly at the limit it still fits; one byte less and it is fragmented
        int length = out.get(0).length;
        assertThat(sender.sealFragments(small, length, RANDOM)).hasSize(1);
        assertThat(sender.sealFragments(small, length - 1, RANDOM)).hasSizeGreaterThan(1)
                .allSatisfy(f -> assertThat(f[16]).isEqualTo((byte) 53));
    }

    @Test
    void aSingleFragmentMessageBuiltByHandIsOpened() throws Exception {
        byte[] eap = HEX.parseHex("03010004");
        // IDr-less response whose one SKF carries an EAP payload: "00000008" generic header + EAP-Success
        byte[] fragment = gcmFragment(keys(GCM_16_128), 1, 1, 48, HEX.parseHex("00000008" + HEX.formatHex(eap)), 1);

        IkeMessage m = initiatorSide(GCM_16_128).add(fragment).orElseThrow();

        assertThat(m.describe()).isEqualTo("IKE_AUTH response 1 [EAP]");
        assertThat(m.payloads(Eap.class).get(0).message()).isEqualTo(eap);
    }

    @Test
    void fragmentFieldsAreCheckedAfterTheIcv() throws Exception {
        IkeSaKeys keys = keys(GCM_16_128);
        byte[] chain = HEX.parseHex("00000008" + "03010004");

        assertThatThrownBy(() -> initiatorSide(GCM_16_128).add(gcmFragment(keys, 3, 2, 48, chain, 1)))
                .isInstanceOf(MalformedIkeException.class)
                .hasMessage("bad SKF payload (fragment 3 of 2) at offset 28: Fragment Number 3 is not between 1 and Total Fragments 2");
        assertThatThrownBy(() -> initiatorSide(GCM_16_128).add(gcmFragment(keys, 0, 0, 48, chain, 1)))
                .hasMessageContaining("Fragment Number 0 is not between 1 and Total Fragments 0");
        assertThatThrownBy(() -> initiatorSide(GCM_16_128).add(gcmFragment(keys, 1, 300, 48, chain, 1)))
                .isInstanceOf(MalformedIkeException.class)
                .hasMessage("fragment 1 of IKE_AUTH response 1: Total Fragments at offset 34 is 300, more than the 255 wificall accepts");
        byte[] damaged = gcmFragment(keys, 2, 2, 0, chain, 1);
        damaged[35] = 3; // Total Fragments, covered by the tag
        assertThatThrownBy(() -> initiatorSide(GCM_16_128).add(damaged)).isInstanceOf(SkPayloadIntegrityException.class);
    }

    @Test
    void moreTotalFragmentsRestartsTheAssemblyAndFewerAreDiscarded() throws Exception {
        List<byte[]> large = fragments(GCM_16_128, largeResponse(1), 1280);
        List<byte[]> small = fragments(GCM_16_128, largeResponse(1), 576);
        assertThat(small.size()).isGreaterThan(large.size());
        FragmentAssembly assembly = initiatorSide(GCM_16_128);

        assembly.add(large.get(0));
        assembly.add(large.get(1));
        assertThat(assembly.received()).isEqualTo(2);
        // RFC 7383 §2.6.1: the sender re-fragmented into smaller pieces; start over with them
        assertThat(assembly.add(small.get(2))).isEmpty();
        assertThat(assembly.received()).isEqualTo(1);
        assertThat(assembly.total()).isEqualTo(small.size());
        // a late fragment of the larger pieces has fewer Total Fragments: discarded
        assertThat(assembly.add(large.get(2))).isEmpty();
        assertThat(assembly.received()).isEqualTo(1);
        List<byte[]> rest = new ArrayList<>(small);
        rest.remove(2);
        assertThat(assemble(assembly, rest).encode()).isEqualTo(largeResponse(1).encode());
    }

    @Test
    void aMissingFragmentKeepsTheMessageIncomplete() throws Exception {
        List<byte[]> fragments = fragments(CBC_256_SHA256, largeResponse(1), 576);
        FragmentAssembly assembly = initiatorSide(CBC_256_SHA256);

        for (int round = 0; round < 3; round++) {
            for (int n = 0; n < fragments.size(); n++) {
                if (n != 3) {
                    assertThat(assembly.add(fragments.get(n))).isEmpty();
                }
            }
        }

        assertThat(assembly.received()).isEqualTo(fragments.size() - 1);
        assertThat(assembly.total()).isEqualTo(fragments.size());
        assertThat(assembly.add(fragments.get(3))).isPresent();
    }

    @Test
    void aNewerMessageIdStartsOverAndAnOlderOneIsDiscarded() throws Exception {
        List<byte[]> first = fragments(GCM_16_128, largeResponse(1), 1280);
        List<byte[]> second = fragments(GCM_16_128, largeResponse(2), 1280);
        FragmentAssembly assembly = initiatorSide(GCM_16_128);

        assembly.add(first.get(0));
        assembly.add(second.get(0));
        assertThat(assembly.received()).isEqualTo(1);
        assertThat(assembly.add(first.get(1))).as("message 1 is older than the one assembled").isEmpty();
        assertThat(assemble(assembly, second.subList(1, second.size())).messageId()).isEqualTo(2);
    }

    @Test
    void anSkMessageInBetweenIsOpenedAtOnce() throws Exception {
        List<byte[]> fragments = fragments(GCM_16_128, largeResponse(1), 1280);
        SkPayload sender = SkPayload.sending(GCM_16_128, keys(GCM_16_128), false);
        IkeMessage informational = new IkeMessage(Samples.SPI_I, Samples.SPI_R, IkeMessage.VERSION_2_0, 37, IkeMessage.FLAG_INITIATOR,
                0, List.of(IkePayload.Delete.ikeSa()));
        FragmentAssembly assembly = initiatorSide(GCM_16_128);

        assembly.add(fragments.get(0));

        assertThat(assembly.add(sender.seal(informational, RANDOM)).orElseThrow().describe()).isEqualTo("INFORMATIONAL request 0 [D]");
        assertThat(assembly.received()).isEqualTo(1);
    }

    @Test
    void aMalformedReassembledChainNamesTheFragments() {
        IkeMessage bad = new IkeMessage(Samples.SPI_I, Samples.SPI_R, IkeMessage.VERSION_2_0, IKE_AUTH, IkeMessage.FLAG_RESPONSE, 1,
                List.of(new Certificate(4, new byte[1500]), new IkePayload.Unknown(IkePayload.NONCE, false, new byte[3])));
        List<byte[]> fragments = fragments(GCM_16_128, bad, 1280);

        assertThatThrownBy(() -> assemble(initiatorSide(GCM_16_128), fragments)).isInstanceOf(MalformedIkeException.class)
                .hasMessage("reassembled IKE_AUTH response 1 from 2 fragments: bad Nonce payload at offset 1533: nonce is 3 bytes, "
                        + "RFC 7296 allows 16 to 256");
    }

    @Test
    void contentBeyond64KibIsRefused() throws Exception {
        List<IkePayload> certificates = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            certificates.add(new Certificate(4, new byte[1200]));
        }
        IkeMessage huge = new IkeMessage(Samples.SPI_I, Samples.SPI_R, IkeMessage.VERSION_2_0, IKE_AUTH, IkeMessage.FLAG_RESPONSE, 1,
                certificates);
        List<byte[]> fragments = fragments(GCM_16_128, huge, 1280);
        FragmentAssembly assembly = initiatorSide(GCM_16_128);

        assertThatThrownBy(() -> {
            for (byte[] f : fragments) {
                assembly.add(f);
            }
        }).isInstanceOf(MalformedIkeException.class).hasMessageContaining("more than the 65536 wificall accepts")
                .hasMessageStartingWith("fragment 54 of IKE_AUTH response 1 (SKF payload at offset 28) brings the content to");
        assertThat(assembly.received()).isZero();
    }

    @Test
    void aLimitWithoutRoomForPayloadIsRefused() {
        SkPayload sender = SkPayload.sending(CBC_256_SHA256, keys(CBC_256_SHA256), false);

        assertThatThrownBy(() -> sender.sealFragments(largeResponse(1), 83, RANDOM)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a fragment of at most 83 bytes cannot carry any payload: with ENCR_AES_CBC 256, AUTH_HMAC_SHA2_256_128, "
                        + "PRF_HMAC_SHA2_256 the IKE header, SKF header, IV, padding and ICV take 84 bytes");
        // 84 bytes carry 15 bytes of payload each
        assertThat(sender.sealFragments(largeResponse(1), 84, RANDOM)).allSatisfy(f -> assertThat(f).hasSize(84));
    }

    @Test
    void openRefusesAFragment() {
        List<byte[]> fragments = fragments(GCM_16_128, largeResponse(1), 1280);

        assertThatThrownBy(() -> SkPayload.receiving(GCM_16_128, keys(GCM_16_128), true).open(fragments.get(0)))
                .isInstanceOf(MalformedIkeException.class).hasMessageContaining("[SKF] carries no SK payload to decrypt");
    }

    /**
     * An SKF message from the responder built with the JDK alone (RFC 7383 §2.5, RFC 5282): IKE header,
     * SKF header, the fragment fields, an 8-byte IV, AES-GCM-16 over {@code content} and a zero pad length.
     */
    private static byte[] gcmFragment(IkeSaKeys keys, int number, int total, int next, byte[] content, long iv) throws Exception {
        int skfLength = 4 + 4 + 8 + content.length + 1 + 16;
        ByteBuffer b = ByteBuffer.allocate(28 + skfLength);
        b.putLong(Samples.SPI_I).putLong(Samples.SPI_R).put((byte) 53).put((byte) 0x20).put((byte) IKE_AUTH)
                .put((byte) IkeMessage.FLAG_RESPONSE).putInt(1).putInt(28 + skfLength);
        b.put((byte) next).put((byte) 0).putShort((short) skfLength).putShort((short) number).putShort((short) total).putLong(iv);
        byte[] nonce = ByteBuffer.allocate(12).put(keys.skEr(), 16, 4).putLong(iv).array();
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.skEr(), 0, 16, "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(b.array(), 0, 36);
        b.put(gcm.doFinal(Arrays.copyOf(content, content.length + 1)));
        return b.array();
    }
}
