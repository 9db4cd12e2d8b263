package dev.wificall.report;

import dev.wificall.attach.AttachResult;
import dev.wificall.attach.CertificateFinding;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.Sentences;
import dev.wificall.firewall.DriftReport;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortResult;
import dev.wificall.userplane.UserPlaneResult;
import dev.wificall.userplane.UserPlaneResult.Status;
import dev.wificall.verdict.OperatorVerdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The lines a person reads after a check, the same in every front end that prints them (the Maven
 * goal's log, the command line): a line per operator as it finishes, the summary, the table and the
 * failure message. Front ends add only their prefix and say where each line goes.
 */
public final class CheckLines {

    private CheckLines() {
    }

    /**
     * "PASS 262-01 T-Mobile(Telekom) epdg.epc.mnc001.mcc262.pub.3gppnetwork.org (1/3, 339 ms): sentence".
     *
     * @param done  how many operators have finished, this one included
     * @param total how many operators the check has
     */
    public static String verdict(OperatorVerdict v, int done, int total) {
        return (v.ready() ? "PASS " : "FAIL ") + v.operator() + situation(v) + " " + v.fqdn() + " (" + done + "/" + total
                + ", " + v.elapsed().toMillis() + " ms): " + v.sentence();
    }

    /** " (TAC 0x1A2B, emergency)": what the phone knows beyond its operator; "" for the operator name alone. */
    public static String situation(OperatorVerdict v) {
        if (v.discovery() == null) {
            return "";
        }
        SelectionInput in = v.discovery().input();
        List<String> parts = new ArrayList<>();
        in.tac().ifPresent(t -> parts.add(String.format(Locale.ROOT, "TAC 0x%04X", t)));
        in.tac5gs().ifPresent(t -> parts.add(String.format(Locale.ROOT, "5GS TAC 0x%06X", t)));
        in.lac().ifPresent(l -> parts.add(String.format(Locale.ROOT, "LAC 0x%04X", l)));
        in.visitedMcc().ifPresent(m -> parts.add("abroad in MCC " + m));
        if (in.emergency()) {
            parts.add("emergency");
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /**
     * "  IKE_AUTH 10.77.9.2: ANSWERED ...", the certificate findings worth a warning, and when the
     * IKE_AUTH failed its sentence and transcript, to {@code out}; informational findings and a
     * passed probe's transcript to {@code detail} (a debug log, or nowhere).
     */
    public static void attach(AttachResult a, Consumer<String> out, Consumer<String> detail) {
        out.accept("  " + AttachLines.line(a));
        a.certificate().ifPresent(c -> c.findings().forEach(f -> {
            String line = "    certificate " + f;
            (f.severity() == CertificateFinding.Severity.INFO ? detail : out).accept(line);
        }));
        if (!a.passed()) {
            out.accept("    " + a.sentence());
            a.transcript().forEach(line -> out.accept("    " + line));
        } else {
            a.transcript().forEach(line -> detail.accept("    " + line));
        }
    }

    /**
     * "  user plane 10.77.9.2:4500: PASSED, ..." and a line per check ("    sip-tcp FAILED (3012 ms): ...")
     * to {@code out}, with the sentence when it failed (it names what to change); a passed run's
     * sentence and every transcript to {@code detail}. A failed run says where its transcript is rather
     * than printing up to 200 lines into a build log.
     */
    public static void userPlane(UserPlaneResult u, Consumer<String> out, Consumer<String> detail) {
        out.accept("  " + UserPlaneLines.line(u));
        (u.passed() ? detail : out).accept("    " + u.sentence());
        u.steps().forEach(s -> out.accept("    " + UserPlaneLines.step(s)));
        if (!u.passed() && !u.transcript().isEmpty()) {
            out.accept("    transcript: " + u.transcript().size() + (u.transcript().size() == 1 ? " line" : " lines")
                    + " in the JSON and HTML reports");
        }
        u.transcript().forEach(line -> detail.accept("    " + line));
    }

    /**
     * What follows an operator's {@link #verdict} line: each IKE_AUTH probe ({@link #attach}), then the
     * user plane of each tunnel ({@link #userPlane}).
     */
    public static void details(OperatorVerdict v, Consumer<String> out, Consumer<String> detail) {
        v.attaches().forEach(a -> attach(a, out, detail));
        v.userPlanes().forEach(u -> userPlane(u, out, detail));
    }

    /** "summary: 2 of 3 operators ready in 4.2 s". */
    public static String summary(int ready, int total, Duration elapsed) {
        return String.format(Locale.ROOT, "summary: %d of %d operator%s ready in %.1f s", ready, total,
                total == 1 ? "" : "s", elapsed.toNanos() / 1e9);
    }

    /**
     * The table: one row per operator (PASS/FAIL, ePDG name, answered addresses per port, time), one
     * per operator not checked. When any operator has a user plane, a "user plane" column after
     * IKE_AUTH says how each tunnel's came out.
     *
     * @param ikeAuth whether the check ran IKE_AUTH: adds its column
     */
    public static List<String> table(List<OperatorVerdict> verdicts, List<String> notChecked, boolean ikeAuth) {
        boolean plane = verdicts.stream().anyMatch(v -> !v.userPlanes().isEmpty());
        List<String[]> rows = new ArrayList<>();
        rows.add(columns(ikeAuth, plane, "result", "operator", "ePDG name", "UDP/500", "UDP/4500", "IKE_AUTH", "user plane",
                "time"));
        for (OperatorVerdict v : verdicts) {
            String udp500;
            String udp4500;
            if (v.probes().isEmpty()) {
                udp500 = "DNS " + v.dns().status();
                udp4500 = "-";
            } else {
                udp500 = answered(v, IkePort.UDP_500);
                udp4500 = answered(v, IkePort.UDP_4500);
            }
            rows.add(columns(ikeAuth, plane, v.ready() ? "PASS" : "FAIL", v.operator() + situation(v), v.fqdn(), udp500,
                    udp4500, ikeAuth(v), userPlane(v), String.format(Locale.ROOT, "%.1f s", v.elapsed().toMillis() / 1000.0)));
        }
        for (String operator : notChecked) {
            rows.add(columns(ikeAuth, plane, "-", operator, "not checked (failFast)", "", "", "", "", ""));
        }
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder b = new StringBuilder("  ");
            for (int c = 0; c < row.length; c++) {
                b.append(c == row.length - 1 ? row[c] : String.format(Locale.ROOT, "%-" + width[c] + "s  ", row[c]));
            }
            lines.add(b.toString().stripTrailing());
        }
        return lines;
    }

    /**
     * The failure message: "Wi-Fi Calling check failed for 1 of 2 operators:", each failed
     * operator's sentence with its probe and IKE_AUTH lines, the drift, what was not checked and the
     * reports.
     *
     * @param total      how many operators the check had
     * @param drift      the drift check, null when no rules were compared
     * @param notChecked operators left out after the first failure (failFast)
     * @param written    the report files, or empty for {@code reportDir} alone
     */
    public static String failure(List<OperatorVerdict> verdicts, int total, DriftReport drift, List<String> notChecked,
                                 List<Path> written, Path reportDir) {
        List<OperatorVerdict> failed = verdicts.stream().filter(v -> !v.ready()).toList();
        boolean drifted = drift != null && !drift.passed();
        StringBuilder b = new StringBuilder("Wi-Fi Calling check failed for ").append(failed.size()).append(" of ")
                .append(total).append(" operator").append(total == 1 ? "" : "s")
                .append(drifted ? " and the firewall rules drifted" : "").append(':');
        for (OperatorVerdict v : failed) {
            b.append("\n- ").append(v.sentence());
            v.probeLines().forEach(line -> b.append("\n    ").append(line));
            v.attaches().forEach(a -> b.append("\n    ").append(AttachLines.line(a)));
            // the failed tunnels and their failed checks: what to change; passed checks are in the reports
            v.userPlanes().stream().filter(u -> !u.passed()).forEach(u -> {
                b.append("\n    ").append(UserPlaneLines.line(u));
                u.steps().stream().filter(st -> st.status() == Status.FAILED)
                        .forEach(st -> b.append("\n      ").append(UserPlaneLines.step(st)));
            });
        }
        if (drifted) {
            b.append("\n- ").append(drift.summary());
            drift.violations().forEach(f -> b.append("\n    ").append(f));
        }
        if (!notChecked.isEmpty()) {
            b.append("\nNot checked (failFast): ").append(String.join(", ", notChecked));
        }
        b.append("\nReports: ").append(written.isEmpty() ? reportDir.toString()
                : String.join(", ", written.stream().map(Path::toString).toList()));
        return b.toString();
    }

    /**
     * The row's cells, without the IKE_AUTH one (the 6th) when IKE_AUTH did not run and without the user
     * plane one (the 7th) when no operator has a user plane.
     */
    private static String[] columns(boolean ikeAuth, boolean userPlane, String... cells) {
        List<String> out = new ArrayList<>(cells.length);
        for (int c = 0; c < cells.length; c++) {
            if (c == 5 && !ikeAuth || c == 6 && !userPlane) {
                continue;
            }
            out.add(cells[c]);
        }
        return out.toArray(String[]::new);
    }

    /** "PASSED 10.77.9.2:4500", one per tunnel checked; "-" when there was none. */
    private static String userPlane(OperatorVerdict v) {
        if (v.userPlanes().isEmpty()) {
            return "-";
        }
        return Sentences.listed(v.userPlanes().stream().map(UserPlaneLines::cell).toList(), ", ");
    }

    /** "ANSWERED 10.77.9.2", one per address tried; "-" when IKE_AUTH did not get to run. */
    private static String ikeAuth(OperatorVerdict v) {
        if (v.attaches().isEmpty()) {
            return "-";
        }
        return v.attaches().stream().map(a -> a.outcome() + " " + a.address()).collect(Collectors.joining(", "));
    }

    /** "2/2 answered" of the addresses probed on that port, "-" when the port was not probed. */
    private static String answered(OperatorVerdict v, IkePort port) {
        List<PortResult> on = v.probes().stream().filter(p -> p.port() == port).toList();
        if (on.isEmpty()) {
            return "-";
        }
        long ok = on.stream().filter(PortResult::answered).count();
        return ok + "/" + on.size() + " answered";
    }
}
