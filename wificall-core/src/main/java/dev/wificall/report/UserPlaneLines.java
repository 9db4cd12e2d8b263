package dev.wificall.report;

import dev.wificall.dns.Sentences;
import dev.wificall.userplane.UserPlaneProbe;
import dev.wificall.userplane.UserPlaneResult;
import dev.wificall.userplane.UserPlaneResult.Check;
import dev.wificall.userplane.UserPlaneResult.LifetimeFinding;
import dev.wificall.userplane.UserPlaneResult.Status;
import dev.wificall.userplane.UserPlaneResult.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The user plane in the words every report uses: one short line per tunnel, one per check, the
 * stable ids of the checks, and the mapping lifetime as a sentence. Nothing in a
 * {@link UserPlaneResult} is secret (the reflector's key never reaches it), so nothing here is.
 */
public final class UserPlaneLines {

    private UserPlaneLines() {
    }

    /**
     * The check's id in the JSON report and the logs, e.g. "esp-echo", "ike-on-4500". Spelt out rather
     * than derived from the enum's name, so that renaming a constant cannot change what readers match on.
     */
    public static String id(Check check) {
        return switch (check) {
            case ESP_ECHO -> "esp-echo";
            case INNER_DNS -> "inner-dns";
            case SIP_UDP -> "sip-udp";
            case SIP_TCP -> "sip-tcp";
            case MTU -> "mtu";
            case MAPPING_LIFETIME -> "mapping-lifetime";
            case IKE_ON_4500 -> "ike-on-4500";
        };
    }

    /**
     * "user plane 10.77.9.2:4500: PASSED, inner 10.45.0.2, ENCR_AES_GCM_16 256, ESP 14 sent, 12 received,
     * mapping kept 6 s to 7 s, largest inner packet 1400 bytes", or for a failure "...; FAILED: no ESP
     * came back, sip-udp, sip-tcp".
     */
    public static String line(UserPlaneResult u) {
        StringBuilder b = new StringBuilder("user plane ").append(u.address()).append(": ")
                .append(u.passed() ? "PASSED" : "FAILED");
        if (!u.inner().isEmpty()) {
            b.append(", inner ").append(Sentences.listed(u.inner(), ", "));
        }
        b.append(", ").append(u.espSuite())
                .append(", ESP ").append(u.espSent()).append(" sent, ").append(u.espReceived()).append(" received");
        u.lifetime().ifPresent(f -> b.append(", mapping ").append(interval(f)));
        u.largestInner().ifPresent(n -> b.append(", largest inner packet ").append(n).append(" bytes"));
        if (!u.passed()) {
            List<String> why = new ArrayList<>();
            if (u.espReceived() == 0) {
                why.add("no ESP came back");
            }
            u.steps().stream().filter(s -> s.status() == Status.FAILED).map(s -> id(s.check())).forEach(why::add);
            b.append("; FAILED").append(why.isEmpty() ? "" : ": " + Sentences.listed(why, ", "));
        }
        return b.toString();
    }

    /**
     * A tunnel as the console front ends (the CLI, the Maven goal) print it: "  user plane 10.77.9.2:4500:
     * PASSED, the sentence", a line per check ("    PASSED inner DNS: ..."), and for a failure the
     * tunnel's transcript, indented further.
     */
    public static List<String> console(UserPlaneResult u) {
        List<String> lines = new ArrayList<>();
        lines.add("  user plane " + u.address() + ": " + (u.passed() ? "PASSED" : "FAILED") + ", " + u.sentence());
        u.steps().forEach(s -> lines.add("    " + s.status() + " " + s.check().label() + ": " + s.sentence()));
        if (!u.passed()) {
            u.transcript().forEach(line -> lines.add("      " + line));
        }
        return lines;
    }

    /** "sip-tcp FAILED (3012 ms): no answer from ...": a check's id, status, time and sentence. */
    public static String step(Step s) {
        return id(s.check()) + " " + s.status().name() + " (" + s.elapsed().toMillis() + " ms): " + s.sentence();
    }

    /** "kept 6 s to 7 s", "kept at least 30 s", "kept less than 5 s", "not measured": the interval alone. */
    static String interval(LifetimeFinding f) {
        if (f.survived().isPresent() && f.lost().isPresent()) {
            return "kept " + seconds(f.survived().get()) + " to " + seconds(f.lost().get());
        }
        if (f.survived().isPresent()) {
            return "kept at least " + seconds(f.survived().get());
        }
        return f.lost().map(l -> "kept less than " + seconds(l)).orElse("not measured");
    }

    /**
     * "the network keeps the UDP/4500 mapping for between 6 s and 7 s of silence; Android sends
     * keep-alives every 20 s, so the mapping expires between them", with what a measurement cut short
     * and the keep-alive check add. The figure a reader looks for first.
     */
    public static String lifetime(LifetimeFinding f) {
        StringBuilder b = new StringBuilder();
        if (f.survived().isPresent() && f.lost().isPresent()) {
            b.append("the network keeps the UDP/4500 mapping for between ").append(seconds(f.survived().get()))
                    .append(" and ").append(seconds(f.lost().get())).append(" of silence");
        } else if (f.survived().isPresent()) {
            b.append("the network keeps the UDP/4500 mapping for at least ").append(seconds(f.survived().get()))
                    .append(" of silence (the longest silence tried)");
        } else if (f.lost().isPresent()) {
            b.append("the network keeps the UDP/4500 mapping for less than ").append(seconds(f.lost().get()))
                    .append(" of silence (the shortest silence tried)");
        } else {
            b.append("the UDP/4500 mapping lifetime could not be measured");
        }
        if (f.cutShort()) {
            b.append(" (the measurement stopped at its time budget, so the interval is wider than asked)");
        }
        Duration android = UserPlaneProbe.ANDROID_KEEPALIVE;
        b.append("; Android sends keep-alives every ").append(seconds(android));
        // the same rule as the verdict: lost within Android's interval means the mapping expires between keep-alives
        if (f.lost().isPresent() && f.lost().get().compareTo(android) <= 0) {
            b.append(", so the mapping expires between them");
        } else if (f.survived().isPresent() || f.lost().isPresent()) {
            b.append(", often enough to keep it");
        }
        if (f.keepAliveInterval().isPresent() && f.keepAliveHeld().isPresent()) {
            b.append(f.keepAliveHeld().get() ? "; with keep-alives every " + seconds(f.keepAliveInterval().get())
                    + " the mapping held" : "; even with keep-alives every " + seconds(f.keepAliveInterval().get())
                    + " the mapping was lost");
        }
        return b.toString();
    }

    /** "6 s", "6.5 s", "0.3 s". */
    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** "PASSED 10.77.9.2:4500": a table cell. */
    static String cell(UserPlaneResult u) {
        return (u.passed() ? "PASSED " : "FAILED ") + u.address();
    }
}
