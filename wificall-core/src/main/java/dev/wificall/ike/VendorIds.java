package dev.wificall.ike;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Well-known Vendor ID payloads, recognised by their exact bytes or by a prefix that a version
 * follows. Only IDs whose construction is documented in the implementations' own sources are
 * listed: strongSwan's charon (ike_vendor.c) sends MD5("strongSwan") in IKEv2; Cisco sends plain
 * ASCII strings; Microsoft, Cisco's VPN 3000 and libreswan append a version to a fixed prefix.
 */
final class VendorIds {
    private VendorIds() {
    }

    private record Known(String vendor, byte[] bytes, boolean prefix) {
        boolean matches(byte[] data) {
            return prefix ? data.length >= bytes.length && Arrays.equals(data, 0, bytes.length, bytes, 0, bytes.length)
                    : Arrays.equals(data, bytes);
        }
    }

    private static final HexFormat HEX = HexFormat.of();
    private static final List<Known> KNOWN = new ArrayList<>();

    static {
        exact("strongSwan", md5("strongSwan"));
        exact("Cisco (delete reason)", ascii("CISCO-DELETE-REASON"));
        exact("Cisco FlexVPN", ascii("FLEXVPN-SUPPORTED"));
        exact("Cisco (dynamic route)", ascii("CISCO-DYNAMIC-ROUTE"));
        exact("Cisco", ascii("CISCO(COPYRIGHT)&Copyright (c) 2009 Cisco Systems, Inc."));
        // MD5("CISCO-UNITY") with its last two bytes replaced by the version 1.0
        byte[] unity = md5("CISCO-UNITY");
        unity[14] = 1;
        unity[15] = 0;
        exact("Cisco Unity", unity);
        // the first 14 bytes of MD5("ALTIGA GATEWAY"), then two version bytes
        prefix("Cisco VPN 3000", Arrays.copyOf(md5("ALTIGA GATEWAY"), 14));
        // MD5("MS NT5 ISAKMPOAKLEY") followed by a 4-byte Windows version
        prefix("Microsoft Windows", md5("MS NT5 ISAKMPOAKLEY"));
        exact("Microsoft (negotiation discovery)", HEX.parseHex("fb1de3cdf341b7ea16b7e5be0855f120"));
        exact("Vid-Initial-Contact", md5("Vid-Initial-Contact"));
        // IKEv1 fragmentation; Cisco and strongSwan append capability bytes
        prefix("IKEv1 fragmentation", md5("FRAGMENTATION"));
        prefix("libreswan", ascii("OE-Libreswan-"));
        prefix("OpenIKED", ascii("OpenIKED"));
        exact("Fortinet (endpoint control)", md5("Fortinet Endpoint Control"));
        // Check Point and Juniper append version bytes to fixed 20-byte values (listed in libreswan's vendorid.c)
        prefix("Check Point", HEX.parseHex("f4ed19e0c114eb516faaac0ee37daf2807b4381f"));
        for (String hex : new String[] {
            "299ee8289f40a8973bc78687e2e7226b532c3b76", "3a15e1f3cf2a63582e3ac82d1c64cbe3b6d779e7",
            "47d2b126bfcd83489760e2cf8c5d4d5a03497c15", "4a4340b543e02b84c88a8b96a8af9ebe77d9accc",
            "64405f46f03b7660a23be116a1975058e69e8387", "699369228741c6d4ca094c93e242c9de19e7b7c6",
            "8c0dc6cf62a0ef1b5c6eabd1b67ba69866adf16a", "92d27a9ecb31d99246986d3453d0c3d57a222a61",
            "9b096d9ac3275a7d6fe8b91c583111b09efed1a0", "bf03746108d746c904f1f3547de24f78479fed12",
            "c2e80500f4cc5fbf5daaeed3bb59abaeee56c652", "c8660a62b03b1b6130bf781608d32a6a8d0fb89f",
            "f885da40b1e7a9abd17655ec5bbec0f21f0ed52e", "2a2bcac19b8e91b426107807e02e7249569d6fd3",
            "166f932d55eb64d8e4df4fd37e2313f0d0fd8451", "a35bfd05ca1ac0b3d2f24e9e82bfcbff9c9e52b5"}) {
            prefix("Juniper NetScreen", HEX.parseHex(hex));
        }
    }

    /** The vendor these bytes name, if they are a well-known Vendor ID. */
    static Optional<String> vendor(byte[] data) {
        for (Known k : KNOWN) {
            if (k.matches(data)) {
                return Optional.of(k.vendor);
            }
        }
        return Optional.empty();
    }

    private static void exact(String vendor, byte[] bytes) {
        KNOWN.add(new Known(vendor, bytes, false));
    }

    private static void prefix(String vendor, byte[] bytes) {
        KNOWN.add(new Known(vendor, bytes, true));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] md5(String s) {
        try {
            return MessageDigest.getInstance("MD5").digest(ascii(s));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java runtime", e);
        }
    }
}
