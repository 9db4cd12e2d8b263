package dev.wificall.probe;

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
        String t = text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT).replace("UDP/", "").replace("UDP_", "");
        for (IkePort p : values()) {
            if (String.valueOf(p.number).equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an IKE port; expected 500 or 4500");
    }

    @Override
    public String toString() {
        return "UDP/" + number;
    }
}
