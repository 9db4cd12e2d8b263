package dev.wificall.firewall;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The fixed input of the golden tests (the lab's 262-01 and 262-02) and resource access. */
final class Fixtures {

    static final String FQDN1 = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";
    static final String FQDN2 = "epdg.epc.mnc002.mcc262.pub.3gppnetwork.org";

    private Fixtures() {
    }

    /** 262-01 with 10.77.0.2 and fd77::2, 262-02 with 10.77.0.3 and fd77::3, given out of order on purpose. */
    static List<EpdgAddresses> lab() {
        return List.of(
                new EpdgAddresses("262-02 Vodafone", FQDN2, addresses("fd77::3", "10.77.0.3")),
                new EpdgAddresses("262-01 T-Mobile(Telekom)", FQDN1, addresses("fd77::2", "10.77.0.2")));
    }

    static EpdgAddresses telekom(String... addresses) {
        return new EpdgAddresses("262-01 T-Mobile(Telekom)", FQDN1, addresses(addresses));
    }

    static EpdgAddresses vodafone(String... addresses) {
        return new EpdgAddresses("262-02 Vodafone", FQDN2, addresses(addresses));
    }

    static List<InetAddress> addresses(String... literals) {
        return Arrays.stream(literals).map(Fixtures::address).toList();
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no look-up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** The 1-based number of the only line containing {@code fragment}. */
    static int lineOf(String text, String fragment) {
        String[] lines = text.split("\n", -1);
        int found = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(fragment)) {
                if (found != 0) {
                    throw new IllegalArgumentException("'" + fragment + "' is on lines " + found + " and " + (i + 1));
                }
                found = i + 1;
            }
        }
        if (found == 0) {
            throw new IllegalArgumentException("no line contains '" + fragment + "'");
        }
        return found;
    }

    static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource dev/wificall/firewall/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
