package dev.wificall.maven;

import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortResult;
import dev.wificall.verdict.OperatorVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The table the goal logs at the end: one row per operator, answered addresses per port, and when
 * IKE_AUTH ran, its outcome per address tried.
 */
final class Summary {

    private Summary() {
    }

    static List<String> table(List<OperatorVerdict> verdicts, List<String> notChecked) {
        return table(verdicts, notChecked, false);
    }

    /** @param ikeAuth whether the check ran IKE_AUTH: adds its column */
    static List<String> table(List<OperatorVerdict> verdicts, List<String> notChecked, boolean ikeAuth) {
        List<String[]> rows = new ArrayList<>();
        rows.add(columns(ikeAuth, "result", "operator", "ePDG name", "UDP/500", "UDP/4500", "IKE_AUTH", "time"));
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
            rows.add(columns(ikeAuth, v.ready() ? "PASS" : "FAIL", v.operator() + CheckMojo.situation(v), v.fqdn(), udp500,
                    udp4500, ikeAuth(v), String.format(Locale.ROOT, "%.1f s", v.elapsed().toMillis() / 1000.0)));
        }
        for (String operator : notChecked) {
            rows.add(columns(ikeAuth, "-", operator, "not checked (failFast)", "", "", "", ""));
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

    /** The row's cells, without the IKE_AUTH one (the 6th) when IKE_AUTH did not run. */
    private static String[] columns(boolean ikeAuth, String... cells) {
        if (ikeAuth) {
            return cells;
        }
        String[] out = new String[cells.length - 1];
        System.arraycopy(cells, 0, out, 0, 5);
        System.arraycopy(cells, 6, out, 5, cells.length - 6);
        return out;
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
