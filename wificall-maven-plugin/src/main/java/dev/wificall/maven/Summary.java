package dev.wificall.maven;

import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortResult;
import dev.wificall.verdict.OperatorVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table the goal logs at the end: one row per operator, answered addresses per port. */
final class Summary {

    private Summary() {
    }

    static List<String> table(List<OperatorVerdict> verdicts, List<String> notChecked) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"result", "operator", "ePDG name", "UDP/500", "UDP/4500", "time"});
        for (OperatorVerdict v : verdicts) {
            String[] row = {v.ready() ? "PASS" : "FAIL", v.operator() + CheckMojo.situation(v), v.fqdn(), "", "", ""};
            if (v.probes().isEmpty()) {
                row[3] = "DNS " + v.dns().status();
                row[4] = "-";
            } else {
                row[3] = answered(v, IkePort.UDP_500);
                row[4] = answered(v, IkePort.UDP_4500);
            }
            row[5] = String.format(Locale.ROOT, "%.1f s", v.elapsed().toMillis() / 1000.0);
            rows.add(row);
        }
        for (String operator : notChecked) {
            rows.add(new String[] {"-", operator, "not checked (failFast)", "", "", ""});
        }
        int[] width = new int[6];
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
