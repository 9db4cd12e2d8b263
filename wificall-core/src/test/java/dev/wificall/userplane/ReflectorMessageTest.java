package dev.wificall.userplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wificall.userplane.MalformedReflectorException.Reason;
import dev.wificall.userplane.ReflectorMessage.Answer;
import dev.wificall.userplane.ReflectorMessage.Nonce;
import dev.wificall.userplane.ReflectorMessage.Request;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReflectorMessageTest {

    private static final byte[] KEY_BYTES = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f1011121314151617");
    private static final ReflectorKey KEY = ReflectorKey.of(KEY_BYTES);
    private static final Nonce NONCE = new Nonce(HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"));

    private static Request request(int length) {
        return new Request(NONCE, Duration.ofMillis(12_345), 1_700_000_000_123L, length);
    }

    @Test
    void requestRoundTripsAndHasTheDocumentedLayout() throws Exception {
        byte[] b = ReflectorMessage.encode(request(56), KEY);

        assertThat(b).hasSize(56);
        assertThat(Arrays.copyOfRange(b, 0, 8)).containsExactly(0, 0, 0, 0xF5, 'W', 'C', 'R', 'F');
        assertThat(b[8]).isEqualTo((byte) 1);
        assertThat(b[9]).isEqualTo((byte) 1);
        assertThat(ByteBuffer.wrap(b, 10, 2).getShort()).isZero();
        assertThat(Arrays.copyOfRange(b, 12, 28)).isEqualTo(NONCE.bytes());
        assertThat(ByteBuffer.wrap(b, 28, 4).getInt()).isEqualTo(12_345);
        assertThat(ByteBuffer.wrap(b, 32, 8).getLong()).isEqualTo(1_700_000_000_123L);
        assertThat(Arrays.copyOfRange(b, 40, 56)).isEqualTo(KEY.tag(b, 0, 40, 16));
        assertThat(ReflectorMessage.decodeRequest(b, KEY)).isEqualTo(request(56));
    }

    @Test
    void paddedRequestRoundTripsAtAnOffset() throws Exception {
        byte[] b = ReflectorMessage.encode(request(1200), KEY);
        byte[] framed = new byte[b.length + 7];
        System.arraycopy(b, 0, framed, 3, b.length);

        Request r = ReflectorMessage.decodeRequest(framed, 3, b.length, KEY);

        assertThat(ByteBuffer.wrap(b, 10, 2).getShort()).isEqualTo((short) (1200 - 56));
        assertThat(r.length()).isEqualTo(1200);
        assertThat(r.nonce()).isEqualTo(NONCE);
        assertThat(r.delay()).isEqualTo(Duration.ofMillis(12_345));
    }

    @Test
    void cannotBeMistakenForIkeEspOrAKeepAlive() {
        byte[] b = ReflectorMessage.encode(request(56), KEY);

        assertThat(Arrays.copyOfRange(b, 0, 4)).isNotEqualTo(new byte[4]); // not the non-ESP marker
        assertThat(b[0]).isNotEqualTo((byte) 0xFF);
        int spi = ByteBuffer.wrap(b, 0, 4).getInt();
        assertThat(spi).isBetween(1, 255); // reserved by IANA: never a real ESP SPI
    }

    @Test
    void answerRoundTripsAndIsExactlyAsLongAsItsRequest() throws Exception {
        for (int length : new int[] {56, 57, 300, 1472, ReflectorMessage.MAX_LENGTH}) {
            Request r = request(length);
            Answer a = Answer.to(r, Duration.ofMillis(12_349));
            byte[] b = ReflectorMessage.encode(a, KEY);

            assertThat(b.length).isEqualTo(length).isLessThanOrEqualTo(ReflectorMessage.encode(r, KEY).length);
            assertThat(b[9]).isEqualTo((byte) 2);
            assertThat(ByteBuffer.wrap(b, 32, 4).getInt()).isEqualTo(12_349);
            Answer back = ReflectorMessage.decodeAnswer(b, KEY);
            assertThat(back).isEqualTo(a);
            assertThat(back.nonce()).isEqualTo(NONCE);
            assertThat(back.delay()).isEqualTo(r.delay());
            assertThat(back.waited()).isEqualTo(Duration.ofMillis(12_349));
        }
    }

    @Test
    void shortestAnswerIsShorterThanShortestRequest() {
        assertThat(ReflectorMessage.ANSWER_MIN_LENGTH).isEqualTo(52);
        assertThat(ReflectorMessage.REQUEST_MIN_LENGTH).isEqualTo(56);
    }

    @Test
    void tamperedTagIsRejected() {
        byte[] b = ReflectorMessage.encode(request(56), KEY);
        b[55] ^= 1;

        MalformedReflectorException e = catchThrowableOfType(() -> ReflectorMessage.decodeRequest(b, KEY),
                MalformedReflectorException.class);

        assertThat(e.reason()).isEqualTo(Reason.BAD_TAG);
        assertThat(e.offset()).isEqualTo(40);
        assertThat(e).hasMessage("bad tag at offset 40: the request's HMAC-SHA256 does not match (tampered, or made with "
                + "another key)");
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 20, 27, 28, 31, 32, 39, 45})
    void tamperedNonceDelayClockOrPaddingIsRejected(int at) {
        byte[] b = ReflectorMessage.encode(request(60), KEY);
        b[at] ^= 0x40;

        MalformedReflectorException e = catchThrowableOfType(() -> ReflectorMessage.decodeRequest(b, KEY),
                MalformedReflectorException.class);

        assertThat(e.reason()).isEqualTo(Reason.BAD_TAG);
        assertThat(e).hasMessageStartingWith("bad tag at offset 44:");
    }

    @Test
    void anotherKeyIsRejected() {
        byte[] b = ReflectorMessage.encode(request(56), KEY);

        assertThatThrownBy(() -> ReflectorMessage.decodeRequest(b, ReflectorKey.generate()))
                .isInstanceOf(MalformedReflectorException.class).hasMessageContaining("HMAC-SHA256 does not match");
    }

    @Test
    void tamperedSizeIsRejected() {
        byte[] b = ReflectorMessage.encode(request(100), KEY);

        MalformedReflectorException cut = catchThrowableOfType(
                () -> ReflectorMessage.decodeRequest(Arrays.copyOf(b, 99), KEY), MalformedReflectorException.class);
        assertThat(cut.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(cut).hasMessage("truncated request at offset 0: 100 bytes declared (padding length 44) but 99 received");

        MalformedReflectorException longer = catchThrowableOfType(
                () -> ReflectorMessage.decodeRequest(Arrays.copyOf(b, 101), KEY), MalformedReflectorException.class);
        assertThat(longer.reason()).isEqualTo(Reason.BAD_LENGTH);
        assertThat(longer).hasMessage("bad request length at offset 0: 100 bytes declared (padding length 44) but 101 received");

        byte[] shrunk = b.clone();
        shrunk[11] = 40; // declares 96 bytes; the tag would have to move
        MalformedReflectorException lied = catchThrowableOfType(() -> ReflectorMessage.decodeRequest(shrunk, KEY),
                MalformedReflectorException.class);
        assertThat(lied.reason()).isEqualTo(Reason.BAD_LENGTH);
    }

    @Test
    void everyTruncationIsAMalformedException() {
        byte[] b = ReflectorMessage.encode(request(56), KEY);
        for (int n = 0; n < b.length; n++) {
            byte[] cut = Arrays.copyOf(b, n);
            MalformedReflectorException e = catchThrowableOfType(() -> ReflectorMessage.decodeRequest(cut, KEY),
                    MalformedReflectorException.class);
            assertThat(e).as("%d bytes", n).isNotNull();
            assertThat(e.reason()).as("%d bytes", n).isEqualTo(Reason.TRUNCATED);
            assertThat(e.getMessage()).as("%d bytes", n).startsWith("truncated ");
        }
        assertThat(catchThrowableOfType(() -> ReflectorMessage.decodeRequest(new byte[5], KEY),
                MalformedReflectorException.class)).isNotNull();
        assertThat(catchThrowableOfType(() -> ReflectorMessage.decodeRequest(Arrays.copyOf(b, 3), KEY),
                MalformedReflectorException.class)).hasMessage("truncated magic at offset 0: needs 8 bytes but 3 remain");
    }

    @Test
    void ikeEspAndKeepAlivesAreNotReflectorMessages() {
        byte[] ike = new byte[80]; // non-ESP marker, then an IKE header
        byte[] esp = HexFormat.of().parseHex("c0ffee0100000001" + "00".repeat(60));
        byte[] keepAlive = {(byte) 0xFF};

        for (byte[] b : new byte[][] {ike, esp, keepAlive}) {
            MalformedReflectorException e = catchThrowableOfType(() -> ReflectorMessage.decodeRequest(b, KEY),
                    MalformedReflectorException.class);
            assertThat(e.reason()).isEqualTo(Reason.NOT_REFLECTOR);
            assertThat(e).hasMessageStartingWith("not a reflector message at offset 0: expected the magic 00 00 00 f5 57 43 52 46, got ");
        }
    }

    @Test
    void anAnswerIsNotARequestNorTheOtherWayRound() {
        byte[] answer = ReflectorMessage.encode(Answer.to(request(56), Duration.ZERO), KEY);
        byte[] request = ReflectorMessage.encode(request(56), KEY);

        assertThatThrownBy(() -> ReflectorMessage.decodeRequest(answer, KEY)).isInstanceOf(MalformedReflectorException.class)
                .hasMessage("bad type at offset 9: 2 (answer); expected 1 (request)");
        assertThatThrownBy(() -> ReflectorMessage.decodeAnswer(request, KEY)).isInstanceOf(MalformedReflectorException.class)
                .hasMessage("bad type at offset 9: 1 (request); expected 2 (answer)");
    }

    @Test
    void otherVersionIsRejected() {
        byte[] b = ReflectorMessage.encode(request(56), KEY);
        b[8] = 2;

        assertThatThrownBy(() -> ReflectorMessage.decodeRequest(b, KEY)).isInstanceOf(MalformedReflectorException.class)
                .hasMessage("bad version at offset 8: 2; expected 1");
    }

    @Test
    void authenticDelayAboveTheMaximumIsRejected() {
        byte[] b = ReflectorMessage.encode(request(56), KEY);
        ByteBuffer.wrap(b).putInt(28, 600_001);
        System.arraycopy(KEY.tag(b, 0, 40, 16), 0, b, 40, 16);

        MalformedReflectorException e = catchThrowableOfType(() -> ReflectorMessage.decodeRequest(b, KEY),
                MalformedReflectorException.class);

        assertThat(e.reason()).isEqualTo(Reason.BAD_VALUE);
        assertThat(e).hasMessage("bad delay at offset 28: 600001 ms; expected at most 600000 ms");
    }

    @Test
    void requestsOutOfBoundsAreRefusedBeforeEncoding() {
        assertThatThrownBy(() -> new Request(NONCE, Duration.ofMinutes(11), 0, 56)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a reflector delay is 0 to 600000 ms, got 660000 ms");
        assertThatThrownBy(() -> new Request(NONCE, Duration.ZERO, 0, 55)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a reflector request is 56 to 65507 bytes, got 55");
        assertThatThrownBy(() -> new Nonce(new byte[15])).hasMessage("a reflector nonce has 16 bytes, got 15");
    }

    @Test
    void freshRequestsHaveDistinctNonces() {
        SecureRandom random = new SecureRandom();
        Request a = Request.create(Duration.ofSeconds(1), 56, random);
        Request b = Request.create(Duration.ofSeconds(1), 56, random);

        assertThat(a.nonce()).isNotEqualTo(b.nonce());
        assertThat(a.clockMillis()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));
    }

    @Test
    void keyParsesHexAndBase64AndNeverShowsItself() throws Exception {
        String hex = HexFormat.of().formatHex(KEY_BYTES);
        ReflectorKey fromHex = ReflectorKey.parse(hex + "\n");
        ReflectorKey fromBase64 = ReflectorKey.parse(Base64.getEncoder().encodeToString(KEY_BYTES));
        byte[] b = ReflectorMessage.encode(request(56), KEY);

        assertThat(ReflectorMessage.decodeRequest(b, fromHex)).isEqualTo(request(56));
        assertThat(ReflectorMessage.decodeRequest(b, fromBase64)).isEqualTo(request(56));
        assertThat(fromHex).hasToString("ReflectorKey(24 bytes)");
        assertThat(fromHex.toString()).doesNotContain(hex.substring(0, 8));
    }

    @Test
    void badKeysAreRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> ReflectorKey.parse("00112233445566778899aabbccddee"))
                .hasMessage("the reflector key holds 15 bytes; it needs 16 to 1024 (e.g. openssl rand -hex 32)");
        assertThatThrownBy(() -> ReflectorKey.parse("abc")).hasMessage(
                "the reflector key has an odd number of hex digits (3); expected two per byte");
        assertThatThrownBy(() -> ReflectorKey.parse("secret!secret!secret!secret!"))
                .hasMessage("the reflector key is neither hex nor base64 (28 characters); expected e.g. the output of "
                        + "openssl rand -hex 32")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ReflectorKey.parse(" \n")).hasMessageStartingWith("the reflector key is empty");
        assertThatThrownBy(() -> ReflectorKey.of("short".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage("a reflector key needs 16 to 1024 bytes, got 5");
    }
}
