package dev.wificall.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DNS server given by the user as {@code host[:port]}: {@code 10.0.0.53}, {@code 10.0.0.53:5353},
 * {@code dns.corp.example}, {@code fd00::53} or {@code [fd00::53]:5353}. The port defaults to 53.
 */
public record DnsServer(String host, int port) {

    private static final String EXPECTED = "expected host[:port] with a port from 1 to 65535, "
            + "e.g. 10.0.0.53, 10.0.0.53:5353 or [fd00::53]:53";
    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.%\\w]+)](?::(\\d{1,5}))?");
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9.\\-_]+)(?::(\\d{1,5}))?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public DnsServer {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("DNS server host is empty; " + EXPECTED);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("DNS server port " + port + " is out of range; " + EXPECTED);
        }
    }

    public static DnsServer parse(String text) {
        String t = text == null ? "" : text.strip();
        Matcher m = BRACKETED.matcher(t);
        if (m.matches() || (m = HOST_PORT.matcher(t)).matches()) {
            return new DnsServer(m.group(1), port(text, m.group(2)));
        }
        if (IPV6.matcher(t).matches()) {
            return new DnsServer(t, 53);
        }
        throw new IllegalArgumentException("'" + text + "' is not a DNS server; " + EXPECTED);
    }

    private static int port(String text, String digits) {
        if (digits == null) {
            return 53;
        }
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "' is not a DNS server: port " + port
                    + " is out of range; " + EXPECTED);
        }
        return port;
    }

    /** Resolves the host part (a literal needs no look-up) to the socket address to query. */
    InetSocketAddress socketAddress() {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("DNS server host '" + host + "' does not resolve; " + EXPECTED, e);
        }
    }

    @Override
    public String toString() {
        return AddressText.hostPort(host, port);
    }
}
