package dev.wificall.report;

import static dev.wificall.report.HtmlReport.esc;

import dev.wificall.dns.AddressText;
import dev.wificall.probe.PortResult;
import dev.wificall.probe.Transcript;
import dev.wificall.probe.Transcript.Entry;
import dev.wificall.probe.Transcript.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One probe's exchange as a ladder diagram in inline SVG, as Wireshark's flow graph draws a capture: two
 * lifelines (this host's address and port, the ePDG's), one horizontal arrow per datagram in the order
 * of the transcript with its time since the first request and the label the probe gave it, ICMP errors
 * as dashed arrows back to this host, the deadline as a dashed line across ("no answer by 2400 ms"),
 * and labelled notes (entries not recorded, an answer set aside) as grey text. Rows are evenly spaced,
 * not to scale, so answers within a millisecond stay readable. Each arrow is
 * {@code <g class="msg sent|received|icmp|timeout|note" data-ms="388">} with a {@code <title>} holding the
 * transcript's full line (a tooltip), a {@code <text class="label">} and a {@code <text class="time">}.
 * The markup is well-formed XML and needs no script, font or image; the page's CSS colours it. No {@code xmlns}:
 * the HTML parser puts {@code <svg>} in the SVG namespace itself, and the page names no URL at all.
 */
final class Ladder {
    static final int WIDTH = 560;
    private static final int HOST_X = 88;
    private static final int EPDG_X = 540;
    private static final int TOP = 44;
    private static final int ROW = 28;
    /** Longer labels are cut with an ellipsis; the tooltip has the whole line. About 75 characters fit between the lifelines. */
    static final int MAX_LABEL = 72;
    /** Room for each endpoint's address and port in the header, in SVG units. */
    private static final int HEADER_ROOM = 264;

    private Ladder() {
    }

    /** The endpoints of the first request: there is a ladder only when a datagram was sent. */
    private static Optional<Entry> firstSent(Transcript t) {
        return t.entries().stream().filter(e -> e.kind() == Kind.SENT).findFirst();
    }

    /** Whether {@link #svg} draws something for this probe. */
    static boolean drawable(PortResult p) {
        return firstSent(p.transcript()).isPresent();
    }

    /** The entries the ladder draws: datagrams, ICMP errors, the deadline and labelled notes. */
    private static List<Entry> drawn(Transcript t) {
        return t.entries().stream().filter(e -> e.isDatagram() || e.kind() == Kind.ICMP || e.kind() == Kind.TIMEOUT
                || !e.label().isEmpty()).toList();
    }

    /**
     * One sentence for a screen reader: "UDP/500 from 10.77.0.1:41234 to 10.77.0.2:500: 4 requests sent,
     * nothing received; NO_ANSWER after 2400 ms (no answer by 2400 ms)."
     */
    static String summary(PortResult p) {
        Entry first = firstSent(p.transcript()).orElseThrow();
        List<Entry> drawn = drawn(p.transcript());
        long sent = drawn.stream().filter(e -> e.kind() == Kind.SENT).count();
        long received = drawn.stream().filter(e -> e.kind() == Kind.RECEIVED).count();
        boolean icmp = drawn.stream().anyMatch(e -> e.kind() == Kind.ICMP);
        Entry last = drawn.get(drawn.size() - 1);
        return p.port() + " from " + AddressText.of(first.from()) + " to " + AddressText.of(first.to()) + ": " + sent
                + (sent == 1 ? " request" : " requests") + " sent, "
                + (received == 0 ? "nothing" : received + (received == 1 ? " datagram" : " datagrams")) + " received"
                + (icmp ? ", an ICMP error" : "") + "; " + p.outcome() + " after " + ms(p.elapsed()) + " (" + text(last) + ").";
    }

    /** The diagram; call only when {@link #drawable}. */
    static String svg(PortResult p) {
        Transcript t = p.transcript();
        Entry first = firstSent(t).orElseThrow();
        List<Entry> drawn = drawn(t);
        int height = TOP + ROW * drawn.size() + 14;
        String summary = summary(p);
        StringBuilder b = new StringBuilder(256 + 420 * drawn.size());
        b.append("<svg class=\"ladder\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" data-port=\"").append(p.port().number()).append("\" aria-label=\"").append(esc(summary))
                .append("\">\n<title>").append(esc(summary)).append("</title>\n");
        String host = AddressText.of(first.from());
        String epdg = AddressText.of(first.to());
        b.append("<text class=\"who\" x=\"4\" y=\"14\">this host</text>")
                .append("<text class=\"who\" x=\"").append(WIDTH - 4).append("\" y=\"14\" text-anchor=\"end\">ePDG ")
                .append(p.port()).append("</text>\n");
        header(b, host, 4, "start");
        header(b, epdg, WIDTH - 4, "end");
        int bottom = height - 6;
        b.append("<line class=\"life\" x1=\"").append(HOST_X).append("\" y1=\"36\" x2=\"").append(HOST_X).append("\" y2=\"")
                .append(bottom).append("\"/><line class=\"life\" x1=\"").append(EPDG_X).append("\" y1=\"36\" x2=\"")
                .append(EPDG_X).append("\" y2=\"").append(bottom).append("\"/>\n");
        int y = TOP;
        for (Entry e : drawn) {
            y += ROW;
            row(b, e, y);
        }
        return b.append("</svg>\n").toString();
    }

    /** An endpoint under its name; squeezed to the room it has when an IPv6 address and port would run into the other. */
    private static void header(StringBuilder b, String endpoint, int x, String anchor) {
        b.append("<text class=\"endpoint\" x=\"").append(x).append("\" y=\"30\" text-anchor=\"").append(anchor).append('"');
        // 11 px monospace is 6.6 units a character
        if (endpoint.length() * 6.6 > HEADER_ROOM) {
            b.append(" textLength=\"").append(HEADER_ROOM).append("\" lengthAdjust=\"spacingAndGlyphs\"");
        }
        b.append('>').append(esc(endpoint)).append("</text>\n");
    }

    private static void row(StringBuilder b, Entry e, int y) {
        String kind = switch (e.kind()) {
            case SENT -> "sent";
            case RECEIVED -> "received";
            case ICMP -> "icmp";
            case TIMEOUT -> "timeout";
            case NOTE -> "note";
        };
        b.append("<g class=\"msg ").append(kind).append("\" data-ms=\"").append(e.at().toMillis()).append("\"><title>")
                .append(esc(e.line())).append("</title>");
        int mid = (HOST_X + EPDG_X) / 2;
        switch (e.kind()) {
            case SENT -> arrow(b, HOST_X, EPDG_X, y, false);
            case RECEIVED -> arrow(b, EPDG_X, HOST_X, y, false);
            case ICMP -> arrow(b, EPDG_X, HOST_X, y, true);
            case TIMEOUT -> b.append("<line x1=\"").append(HOST_X).append("\" y1=\"").append(y).append("\" x2=\"")
                    .append(EPDG_X).append("\" y2=\"").append(y).append("\" stroke-dasharray=\"6 4\"/>");
            case NOTE -> {
                // a note has no line: its text sits on the row
            }
        }
        int textY = e.kind() == Kind.NOTE ? y + 4 : y - 5;
        b.append("<text class=\"label\" x=\"").append(mid).append("\" y=\"").append(textY)
                .append("\" text-anchor=\"middle\">").append(esc(cut(text(e)))).append("</text>")
                .append("<text class=\"time\" x=\"").append(HOST_X - 8).append("\" y=\"").append(y + 4)
                .append("\" text-anchor=\"end\">+").append(ms(e.at())).append("</text></g>\n");
    }

    /** A horizontal line from x1 to x2 with its head at x2. */
    private static void arrow(StringBuilder b, int x1, int x2, int y, boolean dashed) {
        int dir = x2 > x1 ? -1 : 1;
        b.append("<line x1=\"").append(x1).append("\" y1=\"").append(y).append("\" x2=\"").append(x2 + dir * 6)
                .append("\" y2=\"").append(y).append('"').append(dashed ? " stroke-dasharray=\"5 3\"" : "").append("/>")
                .append("<polygon points=\"").append(x2).append(',').append(y).append(' ').append(x2 + dir * 9).append(',')
                .append(y - 4).append(' ').append(x2 + dir * 9).append(',').append(y + 4).append("\"/>");
    }

    /** The probe's label, or for an entry without one (an ICMP error or deadline of an older transcript) its summary. */
    private static String text(Entry e) {
        return e.label().isEmpty() ? e.summary() : e.label();
    }

    static String cut(String s) {
        return s.length() <= MAX_LABEL ? s : s.substring(0, MAX_LABEL - 1) + "\u2026";
    }

    /** "388 ms"; below 10 ms with a tenth, since answers on a short path take a fraction of one. */
    static String ms(Duration d) {
        long micros = d.toNanos() / 1000;
        return micros < 10_000 ? String.format(Locale.ROOT, "%.1f ms", micros / 1000.0) : d.toMillis() + " ms";
    }
}
