package dev.wificall.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * What kind of address a resolver handed out, by the IANA special-purpose registries (RFC 6890).
 * A real ePDG has a {@link #PUBLIC} address: its name lives under pub.3gppnetwork.org, which is meant
 * to resolve on the public Internet (TS 23.003 Annex E). Every other class in an ePDG answer means a
 * DNS filter (sinkhole), split-horizon DNS or a lab; {@link SinkholePolicy} decides which to flag.
 */
public enum AddressClass {
    /** 0.0.0.0 and ::, the answer of many DNS filters (Pi-hole, DNS firewalls) for blocked names. */
    UNSPECIFIED("unspecified"),
    /** 127.0.0.0/8 and ::1, the other usual sinkhole answer. */
    LOOPBACK("loopback"),
    /** 169.254.0.0/16 and fe80::/10: only valid on one link, never a server on the Internet. */
    LINK_LOCAL("link-local"),
    /** 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918), fc00::/7 (RFC 4193) and fec0::/10 (deprecated site-local). */
    PRIVATE("private"),
    /** 100.64.0.0/10, the carrier-grade NAT space (RFC 6598): not reachable from the Internet either. */
    SHARED("shared (carrier-grade NAT) space"),
    /** 224.0.0.0/4 and ff00::/8. */
    MULTICAST("multicast"),
    /** 0.0.0.0/8 other than 0.0.0.0, 240.0.0.0/4 with the broadcast address, and 100::/64 (the IPv6 discard prefix, RFC 6666). */
    RESERVED("reserved"),
    /** Everything else: an address a server on the Internet can have. */
    PUBLIC("public");

    private final String phrase;

    AddressClass(String phrase) {
        this.phrase = phrase;
    }

    /** "loopback", "private", ... for sentences. */
    public String phrase() {
        return phrase;
    }

    public static AddressClass of(InetAddress address) {
        Objects.requireNonNull(address, "address");
        byte[] b = address.getAddress();
        return address instanceof Inet4Address ? ipv4(b) : ipv6(b);
    }

    private static AddressClass ipv4(byte[] b) {
        int a0 = Byte.toUnsignedInt(b[0]);
        int a1 = Byte.toUnsignedInt(b[1]);
        if (a0 == 0) {
            return (b[1] | b[2] | b[3]) == 0 ? UNSPECIFIED : RESERVED;
        }
        if (a0 == 127) {
            return LOOPBACK;
        }
        if (a0 == 169 && a1 == 254) {
            return LINK_LOCAL;
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xF0) == 16) || (a0 == 192 && a1 == 168)) {
            return PRIVATE;
        }
        if (a0 == 100 && (a1 & 0xC0) == 64) {
            return SHARED;
        }
        if ((a0 & 0xF0) == 224) {
            return MULTICAST;
        }
        if ((a0 & 0xF0) == 240) {
            return RESERVED;
        }
        return PUBLIC;
    }

    private static AddressClass ipv6(byte[] b) {
        boolean zeroUpTo15 = true;
        for (int i = 0; i < 15; i++) {
            zeroUpTo15 &= b[i] == 0;
        }
        if (zeroUpTo15 && (b[15] == 0 || b[15] == 1)) {
            return b[15] == 0 ? UNSPECIFIED : LOOPBACK;
        }
        if (isV4Mapped(b)) {
            return ipv4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        int b0 = Byte.toUnsignedInt(b[0]);
        int b1 = Byte.toUnsignedInt(b[1]);
        if (b0 == 0xFF) {
            return MULTICAST;
        }
        if (b0 == 0xFE && (b1 & 0xC0) == 0x80) {
            return LINK_LOCAL;
        }
        if ((b0 & 0xFE) == 0xFC || (b0 == 0xFE && (b1 & 0xC0) == 0xC0)) {
            return PRIVATE;
        }
        if (b0 == 0x01 && b1 == 0 && (b[2] | b[3] | b[4] | b[5] | b[6] | b[7]) == 0) {
            return RESERVED;
        }
        return PUBLIC;
    }

    /** ::ffff:a.b.c.d, which Java may hand out as an Inet6Address when built from 16 bytes by hand. */
    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
    }
}
