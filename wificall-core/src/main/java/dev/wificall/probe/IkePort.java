package dev.wificall.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The two UDP ports a phone uses to reach its ePDG. */
public enum IkePort {
    /** IKE's own port, where a phone starts. */
    UDP_500(500, false),
    /** NAT traversal: IKE after a NAT is seen, and ESP-in-UDP; IKE messages carry a 4-byte zero non-ESP marker. */
    UDP_4500(4500, true);

    private final int number;
    private final boolean nonEspMarker;

    IkePort(int number, boolean nonEspMarker) {
        this.number = number;
        this.nonEspMarker = nonEspMarker;
    }

    public int number() {
        return number;
    }

    /** Whether IKE messages on this port carry the four zero bytes of RFC 3948's non-ESP marker. */
    public boolean nonEspMarker() {
        return nonEspMarker;
    }

    /** Parses "500", "4500", "UDP/4500" or "UDP_4500". */
    public static IkePort parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace("UDP/", "").replace("UDP_", "");
        for (IkePort p : values()) {
            if (String.valueOf(p.number).equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an IKE port; expected 500 or 4500");
    }

    /** "500,4500", "UDP/4500", "500 4500": each port once, in the order given. */
    public static List<IkePort> parseList(String text) {
        List<IkePort> out = new ArrayList<>();
        for (String item : (text == null ? "" : text).split("[,\\s]+")) {
            if (item.isBlank()) {
                continue;
            }
            IkePort port = parse(item);
            if (out.contains(port)) {
                throw new IllegalArgumentException(port + " is listed twice in '" + text + "'; name each port once");
            }
            out.add(port);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no port in '" + text + "'; expected 500, 4500 or 500,4500");
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "UDP/" + number;
    }
}
