package dev.wificall.userplane;

import dev.wificall.userplane.MalformedReflectorException.Reason;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The reflector protocol: a client asks "answer me after T", a reflector answers after T to the address
 * and port the request came from. If the answer arrives, every NAT and firewall on the way kept the
 * mapping for T seconds without traffic. Big-endian, one message per UDP datagram:
 *
 * <pre>
 * request (56 + P bytes)                     answer (same length as its request, at least 52)
 *  0  4  00 00 00 F5                          0  4  00 00 00 F5
 *  4  4  "WCRF"                               4  4  "WCRF"
 *  8  1  version (1)                          8  1  version (1)
 *  9  1  type 1 = request                     9  1  type 2 = answer
 * 10  2  P, padding length                   10  2  P, padding length
 * 12 16  nonce (random)                      12 16  nonce (the request's)
 * 28  4  delay in ms, at most 600 000        28  4  delay in ms (the request's)
 * 32  8  sender's clock, ms since 1970       32  4  reflector's measured wait in ms
 * 40  P  padding (any bytes)                 36  P  padding (any bytes)
 * 40+P 16 tag                                36+P 16 tag
 * </pre>
 *
 * The tag is HMAC-SHA256 under the shared {@link ReflectorKey} of every byte before it, truncated to 16
 * bytes; the type byte is under it, so an answer never passes for a request. The first four bytes are
 * an ESP SPI in the range 1..255 that IANA reserves (RFC 4303 §2.1), so no real ESP-in-UDP packet starts
 * like this; they are not the four zero bytes of the non-ESP marker (IKE on UDP/4500), nor a NAT-T
 * keep-alive (a lone 0xFF, RFC 3948 §2.3).
 */
public final class ReflectorMessage {

    static final byte[] MAGIC = {0x00, 0x00, 0x00, (byte) 0xF5, 'W', 'C', 'R', 'F'};
    public static final int VERSION = 1;
    static final int TYPE_REQUEST = 1;
    static final int TYPE_ANSWER = 2;
    public static final int TAG_LENGTH = 16;
    public static final int NONCE_LENGTH = 16;
    /** A request without padding. */
    public static final int REQUEST_MIN_LENGTH = 12 + NONCE_LENGTH + 4 + 8 + TAG_LENGTH;
    /** An answer without padding; shorter than the shortest request, so an answer can always match its request. */
    public static final int ANSWER_MIN_LENGTH = 12 + NONCE_LENGTH + 4 + 4 + TAG_LENGTH;
    /** The largest UDP payload over IPv4. */
    public static final int MAX_LENGTH = 65_507;
    /** The longest delay a request may ask for. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(10);
    private static final long MAX_WAIT_MILLIS = 0xFFFF_FFFFL;

    private ReflectorMessage() {
    }

    /** 16 random bytes that tie an answer to its request; not secret. */
    public record Nonce(byte[] bytes) {
        public Nonce {
            Objects.requireNonNull(bytes, "bytes");
            if (bytes.length != NONCE_LENGTH) {
                throw new IllegalArgumentException("a reflector nonce has " + NONCE_LENGTH + " bytes, got " + bytes.length);
            }
            bytes = bytes.clone();
        }

        public static Nonce random(SecureRandom random) {
            byte[] b = new byte[NONCE_LENGTH];
            random.nextBytes(b);
            return new Nonce(b);
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Nonce n && Arrays.equals(bytes, n.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return HexFormat.of().formatHex(bytes);
        }
    }

    /**
     * "Answer me after {@code delay}": {@code clockMillis} is the sender's wall clock (the reflector's
     * replay window), {@code length} the whole datagram's size, padding included.
     */
    public record Request(Nonce nonce, Duration delay, long clockMillis, int length) {
        public Request {
            Objects.requireNonNull(nonce, "nonce");
            checkDelay(delay);
            if (clockMillis < 0) {
                throw new IllegalArgumentException("a request's clock is milliseconds since 1970, got " + clockMillis);
            }
            checkLength("request", length, REQUEST_MIN_LENGTH);
        }

        /** A request with a fresh nonce and the current wall clock. */
        public static Request create(Duration delay, int length, SecureRandom random) {
            return new Request(Nonce.random(random), delay, System.currentTimeMillis(), length);
        }

        int padding() {
            return length - REQUEST_MIN_LENGTH;
        }
    }

    /**
     * The answer to the request with {@code nonce} and {@code delay}, sent after the reflector waited
     * {@code waited}; {@code length} is the whole datagram's size.
     */
    public record Answer(Nonce nonce, Duration delay, Duration waited, int length) {
        public Answer {
            Objects.requireNonNull(nonce, "nonce");
            checkDelay(delay);
            Objects.requireNonNull(waited, "waited");
            if (waited.isNegative() || waited.toMillis() > MAX_WAIT_MILLIS) {
                throw new IllegalArgumentException("a reflector's wait is 0 to " + MAX_WAIT_MILLIS + " ms, got " + waited);
            }
            checkLength("answer", length, ANSWER_MIN_LENGTH);
        }

        /** The answer to {@code request}: its nonce and delay, exactly its length, so never larger. */
        public static Answer to(Request request, Duration waited) {
            return new Answer(request.nonce(), request.delay(), waited, request.length());
        }

        int padding() {
            return length - ANSWER_MIN_LENGTH;
        }
    }

    private static void checkDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("a reflector delay is 0 to " + MAX_DELAY.toMillis() + " ms, got "
                    + delay.toMillis() + " ms");
        }
    }

    private static void checkLength(String what, int length, int min) {
        if (length < min || length > MAX_LENGTH) {
            throw new IllegalArgumentException("a reflector " + what + " is " + min + " to " + MAX_LENGTH + " bytes, got "
                    + length);
        }
    }

    // --- encoding ---

    public static byte[] encode(Request request, ReflectorKey key) {
        ByteBuffer b = header(request.length(), TYPE_REQUEST, request.padding());
        b.put(request.nonce().bytes);
        b.putInt((int) request.delay().toMillis());
        b.putLong(request.clockMillis());
        return sign(b, request.padding(), key);
    }

    public static byte[] encode(Answer answer, ReflectorKey key) {
        ByteBuffer b = header(answer.length(), TYPE_ANSWER, answer.padding());
        b.put(answer.nonce().bytes);
        b.putInt((int) answer.delay().toMillis());
        b.putInt((int) answer.waited().toMillis());
        return sign(b, answer.padding(), key);
    }

    private static ByteBuffer header(int length, int type, int padding) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put(MAGIC).put((byte) VERSION).put((byte) type).putShort((short) padding);
        return b;
    }

    /** Padding stays zero (the buffer's initial bytes); the tag covers it all the same. */
    private static byte[] sign(ByteBuffer b, int padding, ReflectorKey key) {
        Objects.requireNonNull(key, "key");
        b.position(b.position() + padding);
        byte[] data = b.array();
        b.put(key.tag(data, 0, b.position(), TAG_LENGTH));
        return data;
    }

    // --- decoding ---

    /** A request from {@code data[offset, offset + length)}, its tag checked under {@code key}. */
    public static Request decodeRequest(byte[] data, int offset, int length, ReflectorKey key)
            throws MalformedReflectorException {
        ReflectorReader r = open(data, offset, length, TYPE_REQUEST, key);
        Nonce nonce = new Nonce(r.bytes(NONCE_LENGTH, "nonce"));
        long delay = Integer.toUnsignedLong(r.u32("delay"));
        checkDelayField(delay, 28);
        long clock = r.u64("clock");
        if (clock < 0) {
            throw new MalformedReflectorException(Reason.BAD_VALUE, 32, "bad clock at offset 32: " + Long.toUnsignedString(clock)
                    + " ms is beyond any date; expected milliseconds since 1970");
        }
        return new Request(nonce, Duration.ofMillis(delay), clock, length);
    }

    public static Request decodeRequest(byte[] data, ReflectorKey key) throws MalformedReflectorException {
        return decodeRequest(data, 0, data.length, key);
    }

    /** An answer from {@code data[offset, offset + length)}, its tag checked under {@code key}. */
    public static Answer decodeAnswer(byte[] data, int offset, int length, ReflectorKey key) throws MalformedReflectorException {
        ReflectorReader r = open(data, offset, length, TYPE_ANSWER, key);
        Nonce nonce = new Nonce(r.bytes(NONCE_LENGTH, "nonce"));
        long delay = Integer.toUnsignedLong(r.u32("delay"));
        checkDelayField(delay, 28);
        long waited = Integer.toUnsignedLong(r.u32("measured wait"));
        return new Answer(nonce, Duration.ofMillis(delay), Duration.ofMillis(waited), length);
    }

    public static Answer decodeAnswer(byte[] data, ReflectorKey key) throws MalformedReflectorException {
        return decodeAnswer(data, 0, data.length, key);
    }

    private static void checkDelayField(long delay, int at) throws MalformedReflectorException {
        if (delay > MAX_DELAY.toMillis()) {
            throw new MalformedReflectorException(Reason.BAD_VALUE, at, "bad delay at offset " + at + ": " + delay
                    + " ms; expected at most " + MAX_DELAY.toMillis() + " ms");
        }
    }

    /**
     * Checks magic, version, type, length and tag, in that order, and returns the reader at offset 12.
     * The tag is checked before any value is interpreted, so a sender without the key learns nothing
     * about which values a reflector would take.
     */
    private static ReflectorReader open(byte[] data, int offset, int length, int type, ReflectorKey key)
            throws MalformedReflectorException {
        Objects.requireNonNull(key, "key");
        Objects.checkFromIndexSize(offset, length, data.length);
        String what = type == TYPE_REQUEST ? "request" : "answer";
        if (length > MAX_LENGTH) {
            throw new MalformedReflectorException(Reason.BAD_LENGTH, 0, "bad " + what + " length at offset 0: " + length
                    + " bytes; expected at most " + MAX_LENGTH);
        }
        ReflectorReader r = new ReflectorReader(data, offset, length);
        // what there is of the magic first: a lone 0xFF keep-alive is "not ours", not "truncated"
        int have = Math.min(length, MAGIC.length);
        if (Arrays.equals(data, offset, offset + have, MAGIC, 0, have)) {
            r.skip(MAGIC.length, "magic");
        } else {
            byte[] magic = Arrays.copyOfRange(data, offset, offset + have);
            throw new MalformedReflectorException(Reason.NOT_REFLECTOR, 0, "not a reflector message at offset 0: expected "
                    + "the magic " + HexFormat.ofDelimiter(" ").formatHex(MAGIC) + ", got "
                    + HexFormat.ofDelimiter(" ").formatHex(magic));
        }
        int version = r.u8("version");
        if (version != VERSION) {
            throw new MalformedReflectorException(Reason.BAD_VERSION, 8, "bad version at offset 8: " + version + "; expected "
                    + VERSION);
        }
        int got = r.u8("type");
        if (got != type) {
            throw new MalformedReflectorException(Reason.BAD_TYPE, 9, "bad type at offset 9: " + got + " ("
                    + typeName(got) + "); expected " + type + " (" + what + ")");
        }
        int padding = r.u16("padding length");
        int declared = (type == TYPE_REQUEST ? REQUEST_MIN_LENGTH : ANSWER_MIN_LENGTH) + padding;
        if (length < declared) {
            throw new MalformedReflectorException(Reason.TRUNCATED, 0, "truncated " + what + " at offset 0: " + declared
                    + " bytes declared (padding length " + padding + ") but " + length + " received");
        }
        if (length > declared) {
            throw new MalformedReflectorException(Reason.BAD_LENGTH, 0, "bad " + what + " length at offset 0: " + declared
                    + " bytes declared (padding length " + padding + ") but " + length + " received");
        }
        int tagAt = length - TAG_LENGTH;
        byte[] expected = key.tag(data, offset, tagAt, TAG_LENGTH);
        byte[] tag = Arrays.copyOfRange(data, offset + tagAt, offset + length);
        // constant time: the tag must not leak, byte by byte, through how long a rejection takes
        if (!MessageDigest.isEqual(expected, tag)) {
            throw new MalformedReflectorException(Reason.BAD_TAG, tagAt, "bad tag at offset " + tagAt + ": the "
                    + what + "'s HMAC-SHA256 does not match (tampered, or made with another key)");
        }
        return r;
    }

    private static String typeName(int type) {
        return switch (type) {
            case TYPE_REQUEST -> "request";
            case TYPE_ANSWER -> "answer";
            default -> "unknown";
        };
    }
}
