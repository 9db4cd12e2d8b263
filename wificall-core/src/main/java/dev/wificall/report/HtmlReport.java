package dev.wificall.report;

import dev.wificall.attach.AttachResult;
import dev.wificall.attach.CertificateFinding;
import dev.wificall.attach.CertificateReport;
import dev.wificall.attach.CertificateSummary;
import dev.wificall.dns.AddressText;
import dev.wificall.dns.Sentences;
import dev.wificall.dns.EpdgLookup.Resolution;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortResult;
import dev.wificall.userplane.UserPlaneResult;
import dev.wificall.verdict.OperatorVerdict;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes verdicts as one HTML page a network engineer reads in a minute: the overall result, a
 * matrix with a row per operator and address and a column per port, and each operator's verdict.
 * The page opens from disk with no network: inline CSS only, no script, no font or image, and a
 * Content-Security-Policy that forbids loading anything. Expandable parts are {@code <details>}.
 *
 * <p>The markup is also well-formed XML (every element closed, no boolean attributes), so tests and
 * tools can read it with an XML parser. Each matrix cell is
 * {@code <td class="cell pass|fail|none" data-operator="..." data-fqdn="..." data-address="..." data-port="...">};
 * an operator without probes gets one {@code <td class="cell pass|fail dns" data-dns="STATUS">}
 * across the port columns. When IKE_AUTH ran, the matrix has an IKE_AUTH column
 * ({@code <td class="cell ikeauth pass|fail|none" data-address="..." data-outcome="ANSWERED">}) and each
 * operator's section a table with a row per IKE_AUTH probe
 * ({@code <tr class="attach pass|fail" data-operator="..." data-address="..." data-outcome="...">}):
 * outcome, how the answer came, the certificate, the EAP method, what an attach was given, and the
 * transcript behind a disclosure.
 *
 * <p>Each operator's section draws, per address with a matrix row, each port's exchange as a {@link Ladder}
 * ({@code <figure class="exchange" data-address="..">} holding {@code <div class="ladder" id="ladder-N-ADDRESS-PORT">}
 * and its {@code <svg>}), which the cell's disclosure links to; a probe whose transcript is not kept keeps
 * its line there ({@code <p class="line" data-port="..">}).
 *
 * <p>When any operator's user plane was checked, the matrix has a User plane column
 * ({@code <td class="cell userplane pass|fail|none" data-address="..">}) and each operator's section a
 * {@code <div class="userplane pass|fail" id="userplane-N-ADDRESS" data-address="ADDRESS:PORT">} per tunnel: the
 * verdict, the mapping lifetime ({@code <p class="lifetime ..">}), the tunnel's facts and ESP counters, a row per
 * check ({@code <tr class="step pass|fail|warn|none" data-check="esp-echo" data-status="PASSED">}) and the transcript
 * behind a disclosure.
 *
 * <p>An operator's matrix has a row for each address that has a probe among the first
 * {@value Transcripts#PER_OUTCOME} of its outcome, or an IKE_AUTH probe; the other addresses, alike to
 * those, are counted by port and outcome in one {@code <tr class="more">} row. A name with 1,000
 * addresses that refuse gives about 32 rows, and an address that behaves unlike them keeps its own.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static void write(List<OperatorVerdict> verdicts, Path file) throws IOException {
        ReportFiles.write(file, render(verdicts, Instant.now()));
    }

    static String render(List<OperatorVerdict> verdicts, Instant generated) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                // nothing may load from anywhere: the report is read offline, and hostile text stays text
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>wificall report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>wificall report</h1>\n")
                .append("<p class=\"meta\">Generated <time datetime=\"").append(esc(generated.toString())).append("\">")
                .append(esc(generated.toString())).append("</time></p>\n");
        overall(b, verdicts);
        if (!verdicts.isEmpty()) {
            matrix(b, verdicts);
            b.append("<h2>Verdicts</h2>\n");
            for (int i = 0; i < verdicts.size(); i++) {
                verdict(b, verdicts.get(i), i + 1);
            }
        }
        return b.append("</body>\n</html>\n").toString();
    }

    private static void overall(StringBuilder b, List<OperatorVerdict> verdicts) {
        if (verdicts.isEmpty()) {
            b.append("<p class=\"overall none\"><strong>NOTHING CHECKED</strong>: the report holds no operator.</p>\n");
            return;
        }
        long ready = verdicts.stream().filter(OperatorVerdict::ready).count();
        long probes = verdicts.stream().mapToLong(v -> v.probes().size()).sum();
        long answered = verdicts.stream().flatMap(v -> v.probes().stream()).filter(PortResult::answered).count();
        boolean all = ready == verdicts.size();
        b.append("<p class=\"overall ").append(all ? "pass" : "fail").append("\"><strong>")
                .append(all ? "READY" : "NOT READY").append("</strong>: ").append(ready).append(" of ")
                .append(verdicts.size()).append(verdicts.size() == 1 ? " operator" : " operators").append(" ready; ")
                .append(answered).append(" of ").append(probes).append(probes == 1 ? " probe" : " probes")
                .append(" answered");
        List<AttachResult> attaches = verdicts.stream().flatMap(v -> v.attaches().stream()).toList();
        if (!attaches.isEmpty()) {
            long passed = attaches.stream().filter(AttachResult::passed).count();
            b.append("; ").append(passed).append(" of ").append(attaches.size())
                    .append(attaches.size() == 1 ? " IKE_AUTH probe" : " IKE_AUTH probes").append(" passed");
        }
        List<UserPlaneResult> planes = verdicts.stream().flatMap(v -> v.userPlanes().stream()).toList();
        if (!planes.isEmpty()) {
            long passed = planes.stream().filter(UserPlaneResult::passed).count();
            b.append("; ").append(passed).append(" of ").append(planes.size())
                    .append(planes.size() == 1 ? " user plane" : " user planes").append(" passed");
        }
        b.append(".</p>\n");
    }

    private static void matrix(StringBuilder b, List<OperatorVerdict> verdicts) {
        List<IkePort> ports = ports(verdicts);
        b.append("<div class=\"matrix\">\n<table>\n<thead><tr><th scope=\"col\">Operator</th><th scope=\"col\">ePDG name</th>")
                .append("<th scope=\"col\">Verdict</th><th scope=\"col\">Address</th>");
        if (ports.isEmpty()) {
            b.append("<th scope=\"col\">IKE_SA_INIT</th>");
        }
        for (IkePort port : ports) {
            b.append("<th scope=\"col\">").append(port).append("</th>");
        }
        boolean ikeAuth = verdicts.stream().anyMatch(v -> !v.attaches().isEmpty());
        if (ikeAuth) {
            b.append("<th scope=\"col\">IKE_AUTH</th>");
        }
        boolean plane = verdicts.stream().anyMatch(v -> !v.userPlanes().isEmpty());
        if (plane) {
            b.append("<th scope=\"col\">User plane</th>");
        }
        b.append("</tr></thead>\n");
        for (int i = 0; i < verdicts.size(); i++) {
            rows(b, verdicts.get(i), i + 1, ports, ikeAuth, plane);
        }
        b.append("</table>\n</div>\n");
    }

    /** One row per address, the operator's own columns spanning them; one row when nothing was probed. */
    private static void rows(StringBuilder b, OperatorVerdict v, int n, List<IkePort> ports, boolean ikeAuth, boolean plane) {
        // once per operator, not per cell: a pool of 1,000 addresses is 2,000 cells
        List<String> lines = v.probeLines();
        Map<InetAddress, Map<IkePort, Integer>> index = index(v);
        // a row for each address with a probe among the first of its outcome (or an IKE_AUTH); the rest,
        // alike to those shown, are counted in one row, so 1,000 addresses give a page a person can read
        boolean[] kept = Transcripts.kept(v.probes());
        List<InetAddress> all = addresses(v);
        List<InetAddress> addresses = shown(v, all, index, kept);
        Set<InetAddress> shown = new HashSet<>(addresses);
        List<InetAddress> hidden = all.stream().filter(a -> !shown.contains(a)).toList();
        int span = Math.max(1, addresses.size() + (hidden.isEmpty() ? 0 : 1));
        String who = " data-operator=\"" + esc(v.operator()) + "\" data-fqdn=\"" + esc(v.fqdn()) + "\"";
        b.append("<tbody id=\"row-").append(n).append("\">\n<tr>");
        b.append("<th scope=\"rowgroup\" rowspan=\"").append(span).append("\"><a href=\"#op-").append(n).append("\">")
                .append(esc(v.operator())).append("</a></th>");
        b.append("<td class=\"fqdn\" rowspan=\"").append(span).append("\">").append(esc(v.fqdn())).append("</td>");
        b.append("<td class=\"verdict ").append(v.ready() ? "pass" : "fail").append("\" rowspan=\"").append(span)
                .append("\">").append(badge(v.ready())).append("</td>");
        if (addresses.isEmpty()) {
            b.append("<td class=\"addr\">none</td>");
            b.append("<td class=\"cell ").append(v.ready() ? "pass" : "fail").append(" dns\" id=\"cell-").append(n)
                    .append("-dns\" colspan=\"").append(Math.max(1, ports.size()) + (ikeAuth ? 1 : 0) + (plane ? 1 : 0)).append('"').append(who)
                    .append(" data-dns=\"").append(v.dns().status().name()).append("\">")
                    .append(mark(v.ready())).append("<span class=\"outcome\">DNS ").append(v.dns().status().name())
                    .append("</span><p class=\"sentence\">").append(esc(v.sentence())).append("</p></td>");
            b.append("</tr>\n</tbody>\n");
            return;
        }
        for (int a = 0; a < addresses.size(); a++) {
            InetAddress address = addresses.get(a);
            String text = AddressText.of(address);
            if (a > 0) {
                b.append("<tr>");
            }
            b.append("<td class=\"addr\">").append(esc(text)).append("</td>");
            for (IkePort port : ports) {
                int at = index.getOrDefault(address, Map.of()).getOrDefault(port, -1);
                b.append("<td id=\"cell-").append(n).append('-').append(token(text)).append('-').append(port.number())
                        .append('"');
                if (at < 0) {
                    b.append(" class=\"cell none\"").append(who).append(" data-address=\"").append(esc(text))
                            .append("\" data-port=\"").append(port.number()).append("\">not probed</td>");
                    continue;
                }
                PortResult p = v.probes().get(at);
                cell(b, p, lines.get(at), who, kept[at] && Ladder.drawable(p) ? ladderId(n, text, port) : null);
            }
            if (ikeAuth) {
                attachCell(b, v, text, who);
            }
            if (plane) {
                planeCell(b, v, n, text, who);
            }
            b.append("</tr>\n");
        }
        if (!hidden.isEmpty()) {
            hiddenRow(b, v, hidden, index, ports.size() + 1 + (ikeAuth ? 1 : 0) + (plane ? 1 : 0));
        }
        b.append("</tbody>\n");
    }

    /** The addresses with a probe whose transcript is kept, or an IKE_AUTH probe: those with a row and ladders. */
    private static List<InetAddress> shown(OperatorVerdict v, List<InetAddress> all, Map<InetAddress, Map<IkePort, Integer>> index,
                                           boolean[] kept) {
        return all.stream().filter(a -> index.get(a).values().stream().anyMatch(i -> kept[i])
                || v.attaches().stream().anyMatch(r -> r.address().equals(AddressText.of(a)))).toList();
    }

    /** Where each address's probes are in {@code v.probes()}, by port; the first probe when one port has several. */
    private static Map<InetAddress, Map<IkePort, Integer>> index(OperatorVerdict v) {
        Map<InetAddress, Map<IkePort, Integer>> index = new HashMap<>();
        for (int i = v.probes().size() - 1; i >= 0; i--) {
            PortResult p = v.probes().get(i);
            index.computeIfAbsent(p.address(), k -> new EnumMap<>(IkePort.class)).put(p.port(), i);
        }
        return index;
    }

    /** "992 more addresses, each like one above: UDP/500 PORT_UNREACHABLE 992; ...", and where they all are. */
    private static void hiddenRow(StringBuilder b, OperatorVerdict v, List<InetAddress> hidden,
                                  Map<InetAddress, Map<IkePort, Integer>> index, int columns) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (InetAddress a : hidden) {
            index.get(a).forEach((port, i) -> counts.merge(port + " " + v.probes().get(i).outcome(), 1, Integer::sum));
        }
        List<String> parts = counts.entrySet().stream().map(e -> e.getKey() + " " + Sentences.count(e.getValue())).toList();
        b.append("<tr class=\"more\"><td class=\"addr more\" colspan=\"").append(columns).append("\" data-hidden=\"")
                .append(hidden.size()).append("\">").append(Sentences.count(hidden.size()))
                .append(hidden.size() == 1 ? " more address" : " more addresses").append(" (")
                .append(esc(AddressText.of(hidden.get(0)))).append(hidden.size() == 1 ? "" : " to " + esc(AddressText.of(
                        hidden.get(hidden.size() - 1)))).append("), each with outcomes shown above: ")
                .append(esc(String.join("; ", parts))).append(". The JSON and JUnit XML reports hold every probe.</td></tr>\n");
    }

    /** The outcome, and behind a disclosure what the probe did: its line and its transcript. */
    private static void cell(StringBuilder b, PortResult p, String line, String who, String ladder) {
        b.append(" class=\"cell ").append(p.answered() ? "pass" : "fail").append('"').append(who)
                .append(" data-address=\"").append(esc(AddressText.of(p.address()))).append("\" data-port=\"")
                .append(p.port().number()).append("\" data-outcome=\"").append(p.outcome().name()).append("\">")
                .append(mark(p.answered())).append("<span class=\"outcome\">").append(p.outcome().name()).append("</span>")
                .append("<details><summary>").append(p.requests()).append(p.requests() == 1 ? " request, " : " requests, ")
                .append(p.elapsed().toMillis()).append(" ms</summary>")
                .append("<p class=\"line\">").append(esc(line)).append("</p>");
        if (ladder != null) {
            b.append("<p class=\"line\"><a href=\"#").append(ladder).append("\">ladder diagram</a></p>");
        }
        if (p.source() != null) {
            b.append("<p class=\"line\">from ").append(esc(p.source().toString())).append("</p>");
        }
        if (p.transcript().entries().isEmpty()) {
            b.append("<p class=\"line\">no transcript recorded</p>");
        } else {
            b.append("<pre>").append(esc(p.transcript().text())).append("</pre>");
        }
        b.append("</details></td>");
    }

    /** The IKE_AUTH outcome for one address in the matrix; "not tried" when IKE_AUTH did not go there. */
    private static void attachCell(StringBuilder b, OperatorVerdict v, String address, String who) {
        AttachResult a = v.attaches().stream().filter(r -> r.address().equals(address)).findFirst().orElse(null);
        b.append("<td class=\"cell ikeauth ");
        if (a == null) {
            b.append("none\"").append(who).append(" data-address=\"").append(esc(address)).append("\">not tried</td>");
            return;
        }
        b.append(a.passed() ? "pass" : "fail").append('"').append(who).append(" data-address=\"").append(esc(address))
                .append("\" data-outcome=\"").append(a.outcome().name()).append("\">").append(mark(a.passed()))
                .append("<span class=\"outcome\">").append(a.outcome().name()).append("</span>")
                .append("<p class=\"line\">").append(esc(AttachLines.line(a))).append("</p></td>");
    }

    /** The user plane through the tunnel to one address in the matrix, linking to its section; "not checked" without one. */
    private static void planeCell(StringBuilder b, OperatorVerdict v, int n, String address, String who) {
        UserPlaneResult u = v.userPlanes().stream().filter(p -> host(p.address()).equals(address)).findFirst().orElse(null);
        b.append("<td class=\"cell userplane ");
        if (u == null) {
            b.append("none\"").append(who).append(" data-address=\"").append(esc(address)).append("\">not checked</td>");
            return;
        }
        b.append(u.passed() ? "pass" : "fail").append('"').append(who).append(" data-address=\"").append(esc(address))
                .append("\">").append(mark(u.passed())).append("<span class=\"outcome\">")
                .append(u.passed() ? "PASSED" : "FAILED").append("</span><p class=\"line\"><a href=\"#")
                .append(planeId(n, u)).append("\">").append(esc(UserPlaneLines.line(u))).append("</a></p></td>");
    }

    /** "10.77.9.2" of "10.77.9.2:4500", "fd77:9::2" of "[fd77:9::2]:4500". */
    private static String host(String endpoint) {
        if (endpoint.startsWith("[")) {
            int end = endpoint.indexOf(']');
            return end > 0 ? endpoint.substring(1, end) : endpoint;
        }
        int colon = endpoint.lastIndexOf(':');
        return colon > 0 ? endpoint.substring(0, colon) : endpoint;
    }

    private static String planeId(int n, UserPlaneResult u) {
        return "userplane-" + n + "-" + token(u.address());
    }

    /**
     * In an operator's section, per tunnel: the verdict, the mapping lifetime as the figure to read first,
     * what the tunnel was, the ESP counters, a row per check and the transcript behind a disclosure.
     */
    private static void userPlanes(StringBuilder b, OperatorVerdict v, int n) {
        for (UserPlaneResult u : v.userPlanes()) {
            b.append("<div class=\"userplane ").append(u.passed() ? "pass" : "fail").append("\" id=\"").append(planeId(n, u))
                    .append("\" data-operator=\"").append(esc(v.operator())).append("\" data-address=\"")
                    .append(esc(u.address())).append("\">\n<h4>User plane ").append(esc(u.address())).append("</h4>\n")
                    .append("<p class=\"userplane-verdict ").append(u.passed() ? "pass" : "fail").append("\">")
                    .append(mark(u.passed())).append("<strong>").append(u.passed() ? "PASSED" : "FAILED").append("</strong>: ")
                    .append(esc(u.sentence())).append("</p>\n");
            u.lifetime().ifPresent(f -> {
                String status = u.step(UserPlaneResult.Check.MAPPING_LIFETIME)
                        .map(s -> statusClass(s.status())).orElse("none");
                b.append("<p class=\"lifetime ").append(status).append("\">").append(esc(capitalised(UserPlaneLines.lifetime(f))))
                        .append(".</p>\n");
            });
            b.append("<dl class=\"userplane-facts\">")
                    .append("<dt>ePDG</dt><dd>").append(esc(u.fqdn())).append("</dd>")
                    .append("<dt>inner address</dt><dd>").append(esc(list(u.inner()))).append("</dd>")
                    .append("<dt>ESP</dt><dd>").append(esc(u.espSuite())).append("</dd>")
                    .append("<dt>largest inner packet</dt><dd>")
                    .append(u.largestInner().map(i -> i + " bytes").orElse("not measured")).append("</dd>")
                    .append("<dt>ESP packets</dt><dd class=\"").append(u.espReceived() > 0 ? "pass" : "fail").append("\">")
                    .append(u.espSent()).append(" sent, ").append(u.espReceived()).append(" received</dd>")
                    .append("<dt>NAT-keepalives</dt><dd>").append(u.keepAlivesSent()).append(" sent</dd>");
            u.lifetime().ifPresent(f -> b.append("<dt>lifetime requests</dt><dd>").append(f.probes())
                    .append(f.cutShort() ? " (cut short by the time budget)" : "").append("</dd>"));
            b.append("<dt>time</dt><dd>").append(u.afterAttach().toMillis()).append(" ms after the attach</dd></dl>\n");
            b.append("<table class=\"steps\">\n<thead><tr><th scope=\"col\">Check</th><th scope=\"col\">Result</th>")
                    .append("<th scope=\"col\">Time</th><th scope=\"col\">What was seen</th></tr></thead>\n<tbody>\n");
            for (UserPlaneResult.Step s : u.steps()) {
                b.append("<tr class=\"step ").append(statusClass(s.status())).append("\" data-check=\"")
                        .append(UserPlaneLines.id(s.check())).append("\" data-status=\"").append(s.status().name()).append("\">")
                        .append("<th scope=\"row\">").append(esc(s.check().label())).append("</th>")
                        .append("<td class=\"status\">").append(s.status().name()).append("</td>")
                        .append("<td class=\"time\">").append(s.elapsed().toMillis()).append(" ms</td>")
                        .append("<td class=\"sentence\">").append(esc(s.sentence())).append("</td></tr>\n");
            }
            b.append("</tbody>\n</table>\n<details class=\"transcript\"><summary>Transcript (").append(u.transcript().size())
                    .append(u.transcript().size() == 1 ? " line" : " lines").append(")</summary><pre>")
                    .append(esc(String.join("\n", u.transcript()))).append("</pre></details>\n</div>\n");
        }
    }

    /** The page's classes for a check's status: pass, fail, warn, none. */
    private static String statusClass(UserPlaneResult.Status status) {
        return switch (status) {
            case PASSED -> "pass";
            case FAILED -> "fail";
            case WARNING -> "warn";
            case SKIPPED -> "none";
        };
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** In an operator's section: a row per IKE_AUTH probe with what a phone learnt from the ePDG. */
    private static void attaches(StringBuilder b, OperatorVerdict v) {
        b.append("<div class=\"ikeauth\">\n<h4>IKE_AUTH</h4>\n<table class=\"attaches\">\n<thead><tr>")
                .append("<th scope=\"col\">Address</th><th scope=\"col\">Result</th><th scope=\"col\">Answer</th>")
                .append("<th scope=\"col\">Certificate</th><th scope=\"col\">EAP</th><th scope=\"col\">Assigned</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (AttachResult a : v.attaches()) {
            b.append("<tr class=\"attach ").append(a.passed() ? "pass" : "fail").append("\" data-operator=\"")
                    .append(esc(v.operator())).append("\" data-address=\"").append(esc(a.address()))
                    .append("\" data-outcome=\"").append(a.outcome().name()).append("\">");
            b.append("<th scope=\"row\" class=\"addr\">").append(esc(a.address())).append("</th>");
            b.append("<td class=\"result\">").append(mark(a.passed())).append("<span class=\"outcome\">")
                    .append(a.outcome().name()).append("</span> ").append(a.passed() ? "passed" : "failed")
                    .append(" in ").append(a.elapsed().toMillis()).append(" ms<p class=\"attach-sentence\">")
                    .append(esc(a.sentence())).append("</p><details><summary>Transcript (")
                    .append(a.transcript().size()).append(a.transcript().size() == 1 ? " line" : " lines")
                    .append(")</summary><pre>").append(esc(String.join("\n", a.transcript()))).append("</pre></details></td>");
            b.append("<td class=\"delivery\">").append(switch (a.delivery()) {
                case WHOLE -> "whole: one message of " + a.answerBytes() + " bytes";
                case IKE_FRAGMENTS -> "IKE fragments: " + a.answerFragments() + " fragments, " + a.answerBytes() + " bytes";
                case NONE -> "none: no IKE_AUTH answer";
            });
            a.ikeProposal().ifPresent(p -> b.append("<p class=\"line\">IKE SA ").append(esc(p)).append("</p>"));
            b.append("</td>");
            b.append("<td class=\"certificate\">");
            a.certificate().ifPresentOrElse(c -> certificate(b, c), () -> b.append("none"));
            a.signature().ifPresent(s -> b.append("<p class=\"signature ").append(s.valid() ? "pass" : "fail").append("\">")
                    .append(mark(s.valid())).append(esc(s.sentence())).append("</p>"));
            b.append("</td>");
            b.append("<td class=\"eap\">").append(esc(a.eapMethod().orElse("none")));
            a.eapFailure().ifPresent(f -> b.append("<p class=\"line\">").append(esc(f)).append("</p>"));
            if (!a.errorNotifies().isEmpty()) {
                b.append("<p class=\"line\">notify ").append(esc(String.join(", ", a.errorNotifies()))).append("</p>");
            }
            b.append("<p class=\"line\">as ").append(esc(a.subscriber())).append("</p></td>");
            b.append("<td class=\"assigned\"><dl>")
                    .append("<dt>inner address</dt><dd>").append(esc(list(a.innerAddresses()))).append("</dd>")
                    .append("<dt>DNS</dt><dd>").append(esc(list(a.dnsServers()))).append("</dd>")
                    .append("<dt>P-CSCF</dt><dd>").append(esc(list(a.pcscfServers()))).append("</dd>");
            a.childProposal().ifPresent(p -> b.append("<dt>child SA</dt><dd>").append(esc(p)).append("</dd>"));
            b.append("</dl></td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</div>\n");
    }

    /** The ePDG's own certificate, the judgement and its findings; every certificate of the chain behind a disclosure. */
    private static void certificate(StringBuilder b, CertificateReport c) {
        b.append("<p class=\"trust ").append(c.passed() ? "pass" : "fail").append("\">").append(mark(c.passed()))
                .append(esc(AttachLines.certificate(c))).append("</p>");
        if (!c.chain().isEmpty()) {
            CertificateSummary leaf = c.chain().get(0);
            b.append("<dl><dt>subject</dt><dd>").append(esc(leaf.subject())).append("</dd>")
                    .append("<dt>issuer</dt><dd>").append(esc(leaf.issuer())).append("</dd>")
                    .append("<dt>names</dt><dd>").append(esc(list(leaf.subjectAltNames()))).append("</dd>")
                    .append("<dt>expiry</dt><dd>").append(esc(leaf.notAfter().toString())).append("</dd>")
                    .append("<dt>trust</dt><dd>").append(c.trust().name()).append("</dd></dl>");
        }
        if (!c.findings().isEmpty()) {
            b.append("<ul class=\"findings\">");
            for (CertificateFinding f : c.findings()) {
                b.append("<li class=\"").append(f.severity().name().toLowerCase(Locale.ROOT)).append("\">")
                        .append(f.severity().name()).append(' ').append(f.kind().name()).append(": ")
                        .append(esc(f.sentence())).append("</li>");
            }
            b.append("</ul>");
        }
        if (!c.chain().isEmpty()) {
            b.append("<details><summary>Chain: ").append(c.chain().size())
                    .append(c.chain().size() == 1 ? " certificate" : " certificates").append("</summary><ol>");
            for (CertificateSummary s : c.chain()) {
                b.append("<li>").append(esc(s.subject().isEmpty() ? "(empty subject)" : s.subject()))
                        .append("<br/>issued by ").append(esc(s.issuer()))
                        .append("<br/>valid ").append(esc(s.notBefore() + " to " + s.notAfter()))
                        .append("<br/>").append(esc(s.key() + ", " + s.signatureAlgorithm() + ", " + s.derSize() + " bytes DER"))
                        .append("<br/>SHA-256 <code>").append(esc(s.sha256Fingerprint())).append("</code></li>");
            }
            b.append("</ol></details>");
        }
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? "none" : String.join(", ", values);
    }

    /** Under the matrix: each operator's sentence, DNS answer and, after discovery, every name asked. */
    private static void verdict(StringBuilder b, OperatorVerdict v, int n) {
        b.append("<section class=\"operator ").append(v.ready() ? "pass" : "fail").append("\" id=\"op-").append(n)
                .append("\">\n<h3>").append(badge(v.ready())).append(' ').append(esc(v.operator())).append("</h3>\n")
                .append("<p class=\"sentence\">").append(esc(v.sentence())).append("</p>\n")
                .append("<p class=\"dns\">DNS ").append(esc(v.fqdn())).append(": ").append(v.dns().status().name())
                .append(" from ").append(esc(v.dns().resolver())).append(" in ").append(v.dns().elapsed().toMillis())
                .append(" ms: ").append(esc(v.dns().detail())).append("</p>\n");
        Resolution r = v.discovery();
        if (r != null) {
            List<String> lines = r.lines();
            b.append("<details class=\"discovery\"><summary>Discovery: ").append(r.attempts().size())
                    .append(r.attempts().size() == 1 ? " name" : " names").append(" asked, ")
                    .append(esc(r.used().fqdn())).append(r.resolved() ? " used" : " last").append("</summary>\n")
                    .append("<p>").append(esc(r.used().fqdn())).append(": ").append(esc(r.used().why())).append("</p>\n<ul>\n");
            for (String line : lines) {
                b.append("<li>").append(esc(line)).append("</li>\n");
            }
            b.append("</ul>\n");
            r.hint().ifPresent(h -> b.append("<p class=\"hint\">Hint: ").append(esc(h)).append("</p>\n"));
            b.append("</details>\n");
        }
        ladders(b, v, n);
        if (!v.attaches().isEmpty()) {
            attaches(b, v);
        }
        if (!v.userPlanes().isEmpty()) {
            userPlanes(b, v, n);
        }
        b.append("</section>\n");
    }

    /**
     * Per address with a row in the matrix, each port's exchange as a ladder diagram; a probe whose
     * transcript {@link Transcripts#kept} leaves out (or that sent nothing) keeps its line instead.
     */
    private static void ladders(StringBuilder b, OperatorVerdict v, int n) {
        if (v.probes().isEmpty()) {
            return;
        }
        Map<InetAddress, Map<IkePort, Integer>> index = index(v);
        boolean[] kept = Transcripts.kept(v.probes());
        List<String> lines = v.probeLines();
        b.append("<div class=\"exchanges\">\n<h4>IKE_SA_INIT exchanges</h4>\n");
        for (InetAddress address : shown(v, addresses(v), index, kept)) {
            String text = AddressText.of(address);
            b.append("<figure class=\"exchange\" data-address=\"").append(esc(text)).append("\">\n<figcaption>")
                    .append(esc(text)).append("</figcaption>\n<div class=\"ladders\">\n");
            for (int i : index.get(address).values()) {
                PortResult p = v.probes().get(i);
                if (kept[i] && Ladder.drawable(p)) {
                    b.append("<div class=\"ladder\" id=\"").append(ladderId(n, text, p.port())).append("\">\n")
                            .append(Ladder.svg(p)).append("</div>\n");
                } else {
                    b.append("<p class=\"line\" data-port=\"").append(p.port().number()).append("\">").append(esc(lines.get(i)))
                            .append("</p>\n");
                }
            }
            b.append("</div>\n</figure>\n");
        }
        b.append("</div>\n");
    }

    private static String ladderId(int n, String address, IkePort port) {
        return "ladder-" + n + "-" + token(address) + "-" + port.number();
    }

    /** The ports any operator was probed on, in the order a phone uses them. */
    private static List<IkePort> ports(List<OperatorVerdict> verdicts) {
        Set<IkePort> ports = EnumSet.noneOf(IkePort.class);
        verdicts.forEach(v -> v.probes().forEach(p -> ports.add(p.port())));
        return List.copyOf(ports);
    }

    /** The addresses probed, IPv4 before IPv6, otherwise in the resolver's order. */
    private static List<InetAddress> addresses(OperatorVerdict v) {
        Set<InetAddress> seen = new LinkedHashSet<>();
        v.probes().forEach(p -> seen.add(p.address()));
        List<InetAddress> sorted = new ArrayList<>(seen);
        sorted.sort(Comparator.comparing(a -> a instanceof Inet4Address ? 0 : 1)); // stable: keeps the order within a family
        return sorted;
    }

    private static String badge(boolean ready) {
        return ready ? "<span class=\"badge pass\">READY</span>" : "<span class=\"badge fail\">NOT READY</span>";
    }

    /** A sign beside the colour, for readers and printers without it. */
    private static String mark(boolean pass) {
        return pass ? "<span class=\"mark\" title=\"pass\">\u2713</span> " : "<span class=\"mark\" title=\"fail\">\u2717</span> ";
    }

    /** An address as part of an id: "fd77::2" becomes "fd77--2". */
    private static String token(String address) {
        return address.replaceAll("[^A-Za-z0-9]", "-");
    }

    /**
     * Text for element content and attribute values alike. Characters that neither HTML nor XML allow
     * (controls other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF) become U+FFFD, so the
     * page stays well-formed whatever a resolver or peer put in a string.
     */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\t', '\n' -> b.append(c);
                case '\r' -> {
                    if (i + 1 == s.length() || s.charAt(i + 1) != '\n') {
                        b.append('\n'); // a lone CR is a line break too; CR LF is one
                    }
                }
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || c >= 0x7F && c <= 0x9F || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    // No '<' or '&' in here: the page must stay well-formed XML.
    private static final String CSS = """
            :root { color-scheme: light; --pass-bg: #dcf2e2; --pass-fg: #0b5a22; --pass-edge: #2a8a47;
              --fail-bg: #fbe0de; --fail-fg: #8c1a12; --fail-edge: #c62f24; --none-bg: #eceff1; --line: #c9ced6; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
              color: #1d2327; background: #fff; margin: 1.25rem; }
            h1 { font-size: 1.5rem; margin: 0 0 .2rem; }
            h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
            h3 { font-size: 1rem; margin: .2rem 0; }
            .meta { color: #555; margin: 0 0 .8rem; }
            .overall { display: inline-block; font-size: 1.1rem; margin: 0; padding: .45rem .8rem; border-left: 6px solid; }
            .overall.pass { border-color: var(--pass-edge); }
            .overall.fail { border-color: var(--fail-edge); }
            .matrix { overflow-x: auto; max-width: 100%; margin: 1rem 0; border: 1px solid var(--line); }
            table { border-collapse: collapse; min-width: 100%; }
            th, td { border: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; text-align: left; }
            thead th { background: #f2f4f7; white-space: nowrap; }
            tbody { border-top: 3px solid #8a93a0; }
            tbody th a { color: inherit; }
            .fqdn, .addr, .line, p.dns, pre, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
              font-size: 12px; }
            .fqdn { max-width: 22rem; overflow-wrap: anywhere; }
            .addr { white-space: nowrap; }
            .cell { min-width: 10rem; }
            .cell.dns { max-width: 60rem; }
            .pass { background: var(--pass-bg); color: var(--pass-fg); }
            .fail { background: var(--fail-bg); color: var(--fail-fg); }
            .none { background: var(--none-bg); color: #444; }
            .outcome, .badge { font-weight: 600; }
            .badge { padding: 0 .35rem; border: 1px solid currentColor; border-radius: 3px; white-space: nowrap; }
            .mark { font-weight: 700; }
            .cell details, .cell .sentence { color: #1d2327; }
            .cell .sentence { margin: .3rem 0 0; font-size: 13px; }
            summary { cursor: pointer; }
            .line { margin: .3rem 0; max-width: 34rem; overflow-wrap: anywhere; }
            pre { margin: .3rem 0; padding: .4rem; max-width: 34rem; max-height: 24rem; overflow: auto; white-space: pre;
              background: #fff; border: 1px solid var(--line); }
            section.operator { margin: .6rem 0; padding: .3rem .8rem; border-left: 6px solid; background: #fff; color: #1d2327; }
            section.operator.pass { border-color: var(--pass-edge); }
            section.operator.fail { border-color: var(--fail-edge); }
            section.operator .sentence { margin: .3rem 0; max-width: 80rem; }
            section.operator .dns { margin: .3rem 0; color: #444; overflow-wrap: anywhere; }
            section.operator ul { margin: .3rem 0; padding-left: 1.2rem; font-family: ui-monospace, Menlo, Consolas, monospace;
              font-size: 12px; }
            h4 { font-size: .95rem; margin: .6rem 0 .3rem; }
            .ikeauth { overflow-x: auto; max-width: 100%; }
            table.attaches { min-width: 0; margin: 0 0 .5rem; }
            tr.attach.pass > th { background: var(--pass-bg); color: var(--pass-fg); }
            tr.attach.fail > th { background: var(--fail-bg); color: var(--fail-fg); }
            tr.attach td { max-width: 30rem; overflow-wrap: anywhere; }
            tr.attach td.assigned { min-width: 13rem; }
            tr.attach td.assigned dd { overflow-wrap: normal; }
            .attach-sentence { margin: .3rem 0; font-size: 13px; }
            .attach dl { margin: .2rem 0; display: grid; grid-template-columns: max-content auto; gap: 0 .6rem; }
            .attach dt { color: #555; }
            .attach dd { margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
            .attach p.trust, .attach p.signature { margin: .2rem 0; padding: .1rem .3rem; }
            section.operator ul.findings { font-family: inherit; font-size: 13px; }
            ul.findings li.error { color: var(--fail-fg); }
            ul.findings li.warning { color: #7a4d00; }
            .attach ol { margin: .3rem 0; padding-left: 1.2rem; font-size: 12px; }
            .cell.ikeauth .line { font-size: 12px; color: #1d2327; }
            .exchanges figure { margin: .3rem 0 .8rem; }
            .exchanges figcaption { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; font-weight: 600; }
            .ladders { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-start; }
            .ladders .line { margin: .2rem 0; }
            svg.ladder { display: block; max-width: 100%; height: auto; background: #fff; border: 1px solid var(--line); }
            svg.ladder text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #1d2327; }
            svg.ladder text.who { font-weight: 600; }
            svg.ladder text.endpoint, svg.ladder text.time { font-family: ui-monospace, Menlo, Consolas, monospace; }
            svg.ladder text.time { fill: #555; }
            svg.ladder .life { stroke: #8a93a0; stroke-width: 1.5; }
            svg.ladder .sent line { stroke: #1f4e8c; stroke-width: 1.5; }
            svg.ladder .sent polygon { fill: #1f4e8c; }
            svg.ladder .received line { stroke: #0b6b2c; stroke-width: 1.5; }
            svg.ladder .received polygon { fill: #0b6b2c; }
            svg.ladder .icmp line, svg.ladder .timeout line { stroke: var(--fail-edge); stroke-width: 1.5; }
            svg.ladder .icmp polygon { fill: var(--fail-edge); }
            svg.ladder .icmp text.label, svg.ladder .timeout text.label { fill: var(--fail-fg); font-weight: 600; }
            svg.ladder .note text.label { fill: #555; font-style: italic; }
            .warn { background: #fff3d6; color: #7a4d00; }
            .userplane { margin: .6rem 0 .8rem; }
            .userplane-verdict { margin: .3rem 0; padding: .2rem .4rem; max-width: 80rem; }
            p.lifetime { font-size: 1.15rem; font-weight: 600; margin: .4rem 0; padding: .35rem .6rem; border-left: 6px solid;
              max-width: 80rem; }
            p.lifetime.pass { border-color: var(--pass-edge); }
            p.lifetime.fail { border-color: var(--fail-edge); }
            .userplane-facts { margin: .3rem 0; display: grid; grid-template-columns: max-content auto; gap: 0 .6rem; }
            .userplane-facts dt { color: #555; }
            .userplane-facts dd { margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
            table.steps { min-width: 0; margin: .3rem 0; }
            tr.step > th { white-space: nowrap; }
            tr.step td.sentence { max-width: 60rem; overflow-wrap: anywhere; color: #1d2327; background: #fff; }
            tr.step td.status { font-weight: 600; }
            .cell.userplane .line { font-size: 12px; }
            .cell.userplane .line a { color: #1d2327; }
            """;
}
