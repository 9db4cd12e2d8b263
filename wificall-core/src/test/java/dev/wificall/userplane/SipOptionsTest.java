package dev.wificall.userplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.userplane.MalformedSipException.Reason;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SipOptionsTest {
    static final InetSocketAddress US = new InetSocketAddress("10.46.0.2", 5060);
    static final InetSocketAddress PCSCF = new InetSocketAddress("10.46.0.10", 5060);

    static SipOptions udp() {
        return SipOptions.create(US, PCSCF, "udp", new SecureRandom());
    }

    /** A P-CSCF's answer to {@code request}, its Via and Call-ID copied back (RFC 3261 §8.2.6.2). */
    static String answer(SipOptions request, String status, String extra) {
        return "SIP/2.0 " + status + "\r\n"
                + "Via: SIP/2.0/UDP 10.46.0.2:5060;branch=" + request.branch() + ";rport=5060;received=10.46.0.2\r\n"
                + "From: <sip:wificall@10.46.0.2>;tag=" + request.tag() + "\r\n"
                + "To: <sip:10.46.0.10>;tag=as01\r\n"
                + "Call-ID: " + request.callId() + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n";
    }

    static void rejects(SipOptions request, byte[] bytes, Reason reason, int offset, String message) {
        assertThatThrownBy(() -> request.parse(bytes))
                .isInstanceOf(MalformedSipException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((MalformedSipException) e).reason()).isEqualTo(reason))
                .satisfies(e -> assertThat(((MalformedSipException) e).offset()).isEqualTo(offset));
    }

    @Test
    void requestHasEveryMandatoryHeaderAndCrlfs() {
        SipOptions o = udp();
        String text = o.text();
        assertThat(o.branch()).matches("z9hG4bK[0-9a-f]{24}");
        assertThat(o.tag()).matches("[0-9a-f]{16}");
        assertThat(o.callId()).matches("[0-9a-f]{32}@10\\.46\\.0\\.2");
        assertThat(text).isEqualTo("OPTIONS sip:10.46.0.10 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.46.0.2:5060;branch=" + o.branch() + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:wificall@10.46.0.2>;tag=" + o.tag() + "\r\n"
                + "To: <sip:10.46.0.10>\r\n"
                + "Call-ID: " + o.callId() + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Contact: <sip:wificall@10.46.0.2:5060;transport=udp>\r\n"
                + "Accept: application/sdp\r\n"
                + "User-Agent: wificall\r\n"
                + "Content-Length: 0\r\n"
                + "\r\n");
        // every line ends in CRLF: no bare LF, no bare CR
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(o.bytes()).isEqualTo(text.getBytes(StandardCharsets.US_ASCII));
        assertThat(udp().branch()).as("fresh per request").isNotEqualTo(o.branch());
    }

    @Test
    void ipv6AndTcpAndAnotherPort() {
        SipOptions o = SipOptions.create(new InetSocketAddress("fd00:46:0:0:0:0:0:2", 40000), new InetSocketAddress("fd00:46::10", 5070),
                "TCP", new SecureRandom());
        String text = o.text();
        assertThat(text).startsWith("OPTIONS sip:[fd00:46::10]:5070 SIP/2.0\r\n");
        assertThat(text).contains("\r\nVia: SIP/2.0/TCP [fd00:46::2]:40000;branch=z9hG4bK");
        assertThat(text).contains("\r\nFrom: <sip:wificall@[fd00:46::2]>;tag=");
        assertThat(text).contains("\r\nTo: <sip:[fd00:46::10]:5070>\r\n");
        assertThat(text).contains("\r\nContact: <sip:wificall@[fd00:46::2]:40000;transport=tcp>\r\n");
        assertThat(o.callId()).endsWith("@[fd00:46::2]");
        assertThatThrownBy(() -> SipOptions.create(US, PCSCF, "SCTP", new SecureRandom()))
                .hasMessage("SIP transport SCTP is neither UDP nor TCP");
    }

    @Test
    void aMatching200Parses() throws Exception {
        SipOptions o = udp();
        String body = answer(o, "200 OK", "Server: Example P-CSCF 5.1\r\nAllow: INVITE, ACK, CANCEL\r\nAllow: OPTIONS, BYE\r\n");
        Optional<SipResponse> r = o.parse(body.getBytes(StandardCharsets.US_ASCII));
        assertThat(r).contains(new SipResponse(200, "OK", Optional.of("Example P-CSCF 5.1"), Optional.of("INVITE, ACK, CANCEL, OPTIONS, BYE")));
        assertThat(r.get().isFinal()).isTrue();
    }

    @Test
    void compactFormsFoldingAndUserAgent() throws Exception {
        SipOptions o = udp();
        String text = "SIP/2.0 100 Trying\r\n"
                + "v: SIP/2.0/UDP 10.46.0.2:5060\r\n ;branch=" + o.branch() + "\r\n"
                + "v: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKother\r\n"
                + "i: " + o.callId() + "\r\n"
                + "User-Agent: IMS core\r\n"
                + "l: 0\r\n\r\n";
        SipResponse r = o.parse(text.getBytes(StandardCharsets.US_ASCII)).orElseThrow();
        assertThat(r.status()).isEqualTo(100);
        assertThat(r.isFinal()).isFalse();
        assertThat(r.server()).contains("IMS core");
        assertThat(r.allow()).isEmpty();
    }

    @Test
    void anotherCallIdOrBranchDoesNotMatch() throws Exception {
        SipOptions o = udp();
        SipOptions other = udp();
        assertThat(o.parse(answer(other, "200 OK", "").getBytes(StandardCharsets.US_ASCII))).isEmpty();
        String sameCallOtherBranch = answer(o, "200 OK", "").replace(o.branch(), "z9hG4bKsomethingelse");
        assertThat(o.parse(sameCallOtherBranch.getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(o.parse(answer(o, "404 Not Found", "").getBytes(StandardCharsets.US_ASCII)))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(404));
    }

    @Test
    void garbageAndHugeResponsesAreRejected() {
        SipOptions o = udp();
        rejects(o, "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII), Reason.NOT_SIP, 0,
                "not a SIP/2.0 response at offset 0: the status line is \"HTTP/1.1 400 Bad Request\", expected \"SIP/2.0 <code> <reason>\"");
        rejects(o, new byte[] {0x16, 0x03, 0x01, 0x00}, Reason.NOT_SIP, 0,
                "not a SIP/2.0 response at offset 0: the status line is \"\\x16\\x03\\x01\\x00\", expected \"SIP/2.0 <code> <reason>\"");
        rejects(o, o.bytes(), Reason.NOT_SIP, 0,
                "not a SIP/2.0 response at offset 0: the status line is \"OPTIONS sip:10.46.0.10 SIP/2.0\", expected \"SIP/2.0 <code> <reason>\"");
        byte[] huge = new byte[SipOptions.MAX_BYTES + 1];
        Arrays.fill(huge, (byte) 'A');
        rejects(o, huge, Reason.TOO_LARGE, 8192, "SIP response of 8193 bytes exceeds the 8192 bytes allowed");
        rejects(o, "SIP/2.0 2OO OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII), Reason.NOT_SIP, 8,
                "bad SIP status code at offset 8: \"2OO\", expected three digits 100 to 699");
        rejects(o, "SIP/2.0 200 OK\r\nVia: x;branch=z9hG4bK1\r\n".getBytes(StandardCharsets.US_ASCII), Reason.TRUNCATED, 40,
                "truncated SIP headers at offset 40: no empty line ends them");
        rejects(o, "SIP/2.0 200 OK\r\nVia: x;bra".getBytes(StandardCharsets.US_ASCII), Reason.TRUNCATED, 16,
                "truncated SIP header line at offset 16: no CRLF in the 10 bytes that remain");
        StringBuilder many = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (int i = 0; i < 65; i++) {
            many.append("X-").append(i).append(": y\r\n");
        }
        String manyLines = many.append("\r\n").toString();
        int sixtyFifth = manyLines.indexOf("X-64:");
        rejects(o, manyLines.getBytes(StandardCharsets.US_ASCII), Reason.TOO_LARGE, sixtyFifth,
                "SIP response with more than 64 header lines at offset " + sixtyFifth);
        rejects(o, answer(o, "200 OK", "").replace("Call-ID", "X-Call").getBytes(StandardCharsets.US_ASCII), Reason.BAD_HEADER, 0,
                "SIP response without a Call-ID header");
        rejects(o, answer(o, "200 OK", "no colon here\r\n").getBytes(StandardCharsets.US_ASCII), Reason.BAD_HEADER,
                answer(o, "200 OK", "").indexOf("Content-Length"), "bad SIP header line at offset "
                        + answer(o, "200 OK", "").indexOf("Content-Length") + ": \"no colon here\" has no name and colon");
        String withBody = answer(o, "200 OK", "").replace("Content-Length: 0", "Content-Length: 10") + "abc";
        rejects(o, withBody.getBytes(StandardCharsets.US_ASCII), Reason.TRUNCATED, withBody.length() - 3,
                "truncated SIP body at offset " + (withBody.length() - 3) + ": Content-Length 10 but 3 bytes remain");
    }

    @Test
    void completeWaitsForHeadersAndBody() {
        SipOptions o = udp();
        byte[] whole = (answer(o, "200 OK", "").replace("Content-Length: 0", "Content-Length: 4") + "v=0\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(SipOptions.complete(Arrays.copyOf(whole, 30))).isFalse();
        assertThat(SipOptions.complete(Arrays.copyOf(whole, whole.length - 4))).as("headers, no body yet").isFalse();
        assertThat(SipOptions.complete(Arrays.copyOf(whole, whole.length - 1))).isFalse();
        assertThat(SipOptions.complete(whole)).isTrue();
        assertThat(SipOptions.length(whole)).isEqualTo(whole.length);
        byte[] twoMessages = (new String(whole, StandardCharsets.US_ASCII) + "SIP/2.0 200 OK\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(SipOptions.length(twoMessages)).isEqualTo(whole.length);
        assertThat(SipOptions.complete(new byte[SipOptions.MAX_BYTES + 1])).as("stop reading: parse says why").isTrue();
        assertThat(SipOptions.complete(new byte[100])).isFalse();
    }
}
