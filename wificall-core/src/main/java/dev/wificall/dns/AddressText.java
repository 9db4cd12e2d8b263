package dev.wificall.dns;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Addresses as people write them: IPv6 in the short form of RFC 5952 (fd77::2, not fd77:0:0:0:0:0:0:2). */
public final class AddressText {

    private AddressText() {
    }

    /** "10.77.0.2:500", "[fd77::2]:500". */
    public static String of(InetSocketAddress endpoint) {
        return hostPort(endpoint.getAddress() == null ? endpoint.getHostString() : of(endpoint.getAddress()), endpoint.getPort());
    }

    /** A host or address with a port, IPv6 in brackets (RFC 3986). */
    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    public static String of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (Byte.toUnsignedInt(b[2 * i]) << 8) | Byte.toUnsignedInt(b[2 * i + 1]);
        }
        // The longest run of two or more zero groups, the first one on a tie, becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        String scope = ((Inet6Address) address).getScopeId() != 0 ? "%" + ((Inet6Address) address).getScopeId() : "";
        return s + scope;
    }
}
