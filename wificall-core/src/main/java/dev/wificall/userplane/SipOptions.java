package dev.wificall.userplane;

import dev.wificall.dns.AddressText;
import dev.wificall.userplane.MalformedSipException.Reason;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A SIP OPTIONS request to a P-CSCF (RFC 3261 §11) through the tunnel, and the reading of its answer:
 * is there a SIP server behind the P-CSCF address, and does it answer us? The Via branch, From tag and
 * Call-ID are random; a response counts as ours only when its Call-ID and top Via branch are this
 * request's. Responses are bounded: {@value #MAX_BYTES} bytes, {@value #MAX_HEADER_LINES} header lines.
 *
 * @param local     our inner address and port (the Via sent-by and Contact)
 * @param pcscf     the P-CSCF's address and port
 * @param transport "UDP" or "TCP"
 */
record SipOptions(InetSocketAddress local, InetSocketAddress pcscf, String transport, String branch, String tag, String callId) {
    static final int MAX_BYTES = 8192;
    static final int MAX_HEADER_LINES = 64;
    static final int DEFAULT_PORT = 5060;
    private static final String MAGIC_COOKIE = "z9hG4bK";

    SipOptions {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(pcscf, "pcscf");
        if (local.isUnresolved() || pcscf.isUnresolved()) {
            throw new IllegalArgumentException("SIP OPTIONS needs addresses, not names: " + local + " to " + pcscf);
        }
        if (!"UDP".equals(transport) && !"TCP".equals(transport)) {
            throw new IllegalArgumentException("SIP transport " + transport + " is neither UDP nor TCP");
        }
        if (!branch.startsWith(MAGIC_COOKIE)) {
            throw new IllegalArgumentException("Via branch " + branch + " lacks RFC 3261's magic cookie " + MAGIC_COOKIE);
        }
    }

    /** A request with a fresh branch, tag and Call-ID from {@code random}; transport "UDP" or "TCP" in either case. */
    static SipOptions create(InetSocketAddress local, InetSocketAddress pcscf, String transport, SecureRandom random) {
        HexFormat hex = HexFormat.of();
        String branch = MAGIC_COOKIE + hex.formatHex(bytes(random, 12));
        String tag = hex.formatHex(bytes(random, 8));
        String callId = hex.formatHex(bytes(random, 16)) + "@" + host(local.getAddress());
        return new SipOptions(local, pcscf, transport == null ? null : transport.toUpperCase(Locale.ROOT), branch, tag, callId);
    }

    private static byte[] bytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** An address as a SIP host: IPv6 in brackets (RFC 3261 §25.1), no zone. */
    static String host(InetAddress address) {
        String text = AddressText.of(address);
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        return address instanceof Inet6Address ? "[" + text + "]" : text;
    }

    /** host, or host:port when the port is not SIP's default 5060. */
    private static String hostPort(InetSocketAddress endpoint) {
        String host = host(endpoint.getAddress());
        return endpoint.getPort() == DEFAULT_PORT ? host : host + ":" + endpoint.getPort();
    }

    /** The request, every line ending in CRLF, an empty line after the headers and no body. */
    String text() {
        String us = host(local.getAddress());
        String them = hostPort(pcscf);
        return "OPTIONS sip:" + them + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " " + us + ":" + local.getPort() + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:wificall@" + us + ">;tag=" + tag + "\r\n"
                + "To: <sip:" + them + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Contact: <sip:wificall@" + us + ":" + local.getPort() + ";transport=" + transport.toLowerCase(Locale.ROOT) + ">\r\n"
                + "Accept: application/sdp\r\n"
                + "User-Agent: wificall\r\n"
                + "Content-Length: 0\r\n"
                + "\r\n";
    }

    byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The response in {@code bytes} when it answers this request (same Call-ID and top Via branch);
     * empty when it is a SIP response to something else. Reads the first message only: over TCP, bytes
     * after its body belong to the next one ({@link #length}).
     *
     * @throws MalformedSipException when the bytes are not a SIP/2.0 response, or past the limits
     */
    Optional<SipResponse> parse(byte[] bytes) throws MalformedSipException {
        Message m = read(bytes);
        if (!callId.equals(m.callId) || !branch.equals(m.branch)) {
            return Optional.empty();
        }
        return Optional.of(new SipResponse(m.status, m.reason, Optional.ofNullable(m.server), Optional.ofNullable(m.allow)));
    }

    /** For {@code InnerTcp.receiveUntil}: a whole message is in the stream, or the stream is already past the limit. */
    static boolean complete(byte[] stream) {
        return stream.length > MAX_BYTES || length(stream) >= 0;
    }

    /** The length of the first whole message in {@code stream} (headers and Content-Length body), or -1 while it is incomplete. */
    static int length(byte[] stream) {
        int end = -1;
        for (int i = 0; i + 3 < stream.length; i++) {
            if (stream[i] == '\r' && stream[i + 1] == '\n' && stream[i + 2] == '\r' && stream[i + 3] == '\n') {
                end = i + 4;
                break;
            }
        }
        if (end < 0) {
            return -1;
        }
        int body = 0;
        for (String line : new String(stream, 0, end, StandardCharsets.UTF_8).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && isHeader(line.substring(0, colon), "content-length", "l")) {
                try {
                    body = Integer.parseInt(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    // parse() says what is wrong with it; the message is as complete as it gets
                    return end;
                }
            }
        }
        return body < 0 || body > MAX_BYTES ? end : end + body <= stream.length ? end + body : -1;
    }

    private static boolean isHeader(String name, String full, String compact) {
        String n = name.trim();
        return n.equalsIgnoreCase(full) || n.equalsIgnoreCase(compact);
    }

    /** What {@link #parse} reads from a response, before matching it. */
    private record Message(int status, String reason, String callId, String branch, String server, String allow) {
    }

    private static Message read(byte[] bytes) throws MalformedSipException {
        if (bytes.length > MAX_BYTES) {
            throw new MalformedSipException(Reason.TOO_LARGE, MAX_BYTES,
                    "SIP response of " + bytes.length + " bytes exceeds the " + MAX_BYTES + " bytes allowed");
        }
        if (bytes.length == 0) {
            throw new MalformedSipException(Reason.TRUNCATED, 0, "empty SIP response: no status line");
        }
        SipReader r = new SipReader(bytes);
        String statusLine;
        try {
            statusLine = r.line("status line");
        } catch (MalformedSipException e) {
            if (!startsWith(bytes, "SIP/2.0 ")) {
                throw notSip(new String(bytes, 0, Math.min(bytes.length, 60), StandardCharsets.UTF_8));
            }
            throw e;
        }
        if (!statusLine.startsWith("SIP/2.0 ")) {
            throw notSip(statusLine);
        }
        String rest = statusLine.substring(8);
        int space = rest.indexOf(' ');
        String code = space < 0 ? rest : rest.substring(0, space);
        if (code.length() != 3 || !code.chars().allMatch(c -> c >= '0' && c <= '9') || code.charAt(0) < '1' || code.charAt(0) > '6') {
            throw new MalformedSipException(Reason.NOT_SIP, 8, "bad SIP status code at offset 8: \"" + printable(code)
                    + "\", expected three digits 100 to 699");
        }
        int status = Integer.parseInt(code);
        String reason = space < 0 ? "" : rest.substring(space + 1).trim();

        String callId = null;
        String branch = null;
        String server = null;
        String userAgent = null;
        String allow = null;
        int contentLength = -1;
        int lines = 0;
        while (true) {
            int start = r.offset();
            if (r.remaining() == 0) {
                throw new MalformedSipException(Reason.TRUNCATED, start,
                        "truncated SIP headers at offset " + start + ": no empty line ends them");
            }
            StringBuilder line = new StringBuilder(r.line("header line"));
            if (line.length() == 0) {
                break;
            }
            while (r.continuation()) {
                line.append(' ').append(r.line("header line").trim());
            }
            if (++lines > MAX_HEADER_LINES) {
                throw new MalformedSipException(Reason.TOO_LARGE, start,
                        "SIP response with more than " + MAX_HEADER_LINES + " header lines at offset " + start);
            }
            int colon = line.indexOf(":");
            if (colon <= 0) {
                throw new MalformedSipException(Reason.BAD_HEADER, start, "bad SIP header line at offset " + start + ": \""
                        + printable(line.toString()) + "\" has no name and colon");
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (isHeader(name, "call-id", "i") && callId == null) {
                callId = value;
            } else if (isHeader(name, "via", "v") && branch == null) {
                branch = branch(value);
            } else if (name.equalsIgnoreCase("server")) {
                server = value;
            } else if (name.equalsIgnoreCase("user-agent")) {
                userAgent = value;
            } else if (name.equalsIgnoreCase("allow")) {
                allow = allow == null ? value : allow + ", " + value;
            } else if (isHeader(name, "content-length", "l")) {
                try {
                    contentLength = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    contentLength = -2;
                }
                if (contentLength < 0) {
                    throw new MalformedSipException(Reason.BAD_HEADER, start, "bad SIP Content-Length at offset " + start + ": \""
                            + printable(value) + "\", expected a number of bytes");
                }
            }
        }
        if (callId == null) {
            throw new MalformedSipException(Reason.BAD_HEADER, 0, "SIP response without a Call-ID header");
        }
        if (branch == null) {
            throw new MalformedSipException(Reason.BAD_HEADER, 0, "SIP response without a Via header with a branch");
        }
        if (contentLength > r.remaining()) {
            throw new MalformedSipException(Reason.TRUNCATED, r.offset(), "truncated SIP body at offset " + r.offset()
                    + ": Content-Length " + contentLength + " but " + r.remaining() + " bytes remain");
        }
        return new Message(status, reason, callId, branch, server != null ? server : userAgent, allow);
    }

    /** The branch parameter of the first value in a Via header, or null. */
    private static String branch(String via) {
        int comma = via.indexOf(',');
        String first = comma < 0 ? via : via.substring(0, comma);
        for (String param : first.split(";")) {
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("branch")) {
                return param.substring(eq + 1).trim();
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        if (bytes.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static MalformedSipException notSip(String firstLine) {
        return new MalformedSipException(Reason.NOT_SIP, 0,
                "not a SIP/2.0 response at offset 0: the status line is \"" + printable(firstLine) + "\", expected \"SIP/2.0 <code> <reason>\"");
    }

    /** At most 60 characters, control characters as \xNN, for messages a person reads. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 60; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return s.length() > 60 ? b + "..." : b.toString();
    }
}
