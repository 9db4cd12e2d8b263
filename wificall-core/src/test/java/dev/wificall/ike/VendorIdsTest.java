package dev.wificall.ike;

import static dev.wificall.ike.Samples.HEX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.ike.IkePayload.VendorId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VendorIdsTest {

    private static String vendor(String hex) {
        return new VendorId(HEX.parseHex(hex)).describe();
    }

    @Test
    void strongSwanSendsTheMd5OfItsName() {
        // the bytes as they stand in strongSwan's ike_vendor.c, checked against MD5 here
        assertThat(HEX.formatHex(VendorIds.md5("strongSwan"))).isEqualTo("882fe56d6fd20dbc2251613b2ebe5beb");
        assertThat(vendor("882fe56d6fd20dbc2251613b2ebe5beb")).isEqualTo("strongSwan");
        assertThat(vendor("882fe56d6fd20dbc2251613b2ebe5beb00")).as("exact, not a prefix").isEqualTo("882fe56d6fd20dbc2251613b2ebe5beb00");
    }

    @Test
    void ciscoSendsAsciiOrAVersionedHash() {
        assertThat(new VendorId("CISCO-DELETE-REASON".getBytes(StandardCharsets.US_ASCII)).vendor()).hasValue("Cisco (delete reason)");
        assertThat(new VendorId("FLEXVPN-SUPPORTED".getBytes(StandardCharsets.US_ASCII)).vendor()).hasValue("Cisco FlexVPN");
        assertThat(vendor("12f5f28c457168a9702d9fe274cc0100")).isEqualTo("Cisco Unity");
        assertThat(vendor("1f07f70eaa6514d3b0fa96542a500407")).isEqualTo("Cisco VPN 3000");
    }

    @Test
    void versionedPrefixes() {
        assertThat(vendor("1e2b516905991c7d7c96fcbfb587e46100000009")).isEqualTo("Microsoft Windows");
        assertThat(vendor(HEX.formatHex("OE-Libreswan-4.12".getBytes(StandardCharsets.US_ASCII)))).isEqualTo("libreswan");
        assertThat(vendor("699369228741c6d4ca094c93e242c9de19e7b7c60000000500000500")).isEqualTo("Juniper NetScreen");
        assertThat(vendor("4048b7d56ebce88525e7de7f00d6c2d3c0000000")).isEqualTo("IKEv1 fragmentation");
    }

    @Test
    void unknownOnesAreShownInHex() {
        VendorId unknown = new VendorId(HEX.parseHex("0011aaff"));

        assertThat(unknown.vendor()).isEmpty();
        assertThat(unknown.hex()).isEqualTo("0011aaff");
        assertThat(unknown.describe()).isEqualTo("0011aaff");
        assertThat(vendor("")).isEmpty();
    }
}
