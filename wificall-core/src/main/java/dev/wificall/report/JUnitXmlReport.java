package dev.wificall.report;

import dev.wificall.attach.AttachResult;
import dev.wificall.dns.AddressText;
import dev.wificall.probe.PortResult;
import dev.wificall.verdict.OperatorVerdict;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes verdicts in the JUnit XML format that Jenkins, GitLab and GitHub Actions show: one
 * testsuite, one testcase for each operator's DNS look-up, one for each address and port, and one
 * for each IKE_AUTH probe ("IKE_AUTH 10.77.9.2", its sentence as the failure, its short line, sentence
 * and transcript as system-out), so a CI server lists every check. Classname is the operator and FQDN,
 * name the address and port.
 *
 * <p>The operator's sentence is written in its DNS testcase (the failure when the name did not resolve,
 * else the system-out) and under its first failed probe; a failed probe's message is its own line (what
 * that address and port saw), a passed probe's line is its system-out. So the file grows with the
 * number of probes, not with its square: a name with 1,000 addresses gives 2,001 short testcases, not
 * 2,001 copies of a sentence that names every address.
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    public static void write(List<OperatorVerdict> verdicts, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        // the XML writer sends every attribute and escape on its own: unbuffered, that is a system call each
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            render(verdicts, x);
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML report " + file + ": " + e.getMessage(), e);
        }
    }

    private static void render(List<OperatorVerdict> verdicts, XMLStreamWriter x) throws XMLStreamException {
        int tests = 0;
        int failures = 0;
        long millis = 0;
        for (OperatorVerdict v : verdicts) {
            tests += 1 + v.probes().size() + v.attaches().size();
            failures += (v.dns().resolved() ? 0 : 1) + (int) v.probes().stream().filter(p -> failed(v, p)).count()
                    + (int) v.attaches().stream().filter(a -> failed(v, a)).count();
            millis += v.elapsed().toMillis();
        }
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", "wificall");
        x.writeAttribute("tests", Integer.toString(tests));
        x.writeAttribute("failures", Integer.toString(failures));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", "0");
        x.writeAttribute("time", seconds(millis));
        x.writeAttribute("timestamp", Instant.now().toString());
        for (OperatorVerdict v : verdicts) {
            String classname = "wificall." + (v.plmn() == null ? "configured" : v.plmn().toString()) + " " + v.fqdn();
            x.writeCharacters("\n  ");
            x.writeStartElement("testcase");
            x.writeAttribute("classname", classname);
            x.writeAttribute("name", "DNS A/AAAA via " + v.dns().resolver());
            x.writeAttribute("time", seconds(v.dns().elapsed().toMillis()));
            if (!v.dns().resolved()) {
                failure(x, v.dns().status().name(), v.sentence(), v.sentence());
            }
            systemOut(x, v.dns().status() + ": " + v.dns().detail()
                    + (v.dns().resolved() ? "\n" + v.sentence() : ""));
            x.writeEndElement();
            List<String> lines = v.probeLines();
            boolean first = true;
            for (int i = 0; i < v.probes().size(); i++) {
                PortResult p = v.probes().get(i);
                x.writeCharacters("\n  ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", classname);
                x.writeAttribute("name", p.port() + " " + AddressText.of(p.address()));
                x.writeAttribute("time", seconds(p.elapsed().toMillis()));
                if (failed(v, p)) {
                    // this address and port only; the first failure of the operator also carries its sentence
                    failure(x, p.outcome().name(), lines.get(i), first ? v.sentence() : "");
                    first = false;
                } else {
                    systemOut(x, lines.get(i));
                }
                x.writeEndElement();
            }
            for (AttachResult a : v.attaches()) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", classname);
                x.writeAttribute("name", "IKE_AUTH " + a.address());
                x.writeAttribute("time", seconds(a.elapsed().toMillis()));
                if (failed(v, a)) {
                    failure(x, a.outcome().name(), a.sentence(), a.sentence());
                }
                StringBuilder out = new StringBuilder(AttachLines.line(a)).append('\n').append(a.sentence());
                a.transcript().forEach(line -> out.append('\n').append(line));
                systemOut(x, out.toString());
                x.writeEndElement();
            }
        }
        x.writeCharacters("\n");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndDocument();
    }

    /**
     * A probe is a failed testcase when it did not answer and the operator is not ready; with a
     * ready operator (one working address is enough for a phone) a dead extra address is shown in
     * its output but fails nothing.
     */
    private static boolean failed(OperatorVerdict v, PortResult p) {
        return !p.answered() && !v.ready();
    }

    /** Likewise an IKE_AUTH probe: failed when it did not pass and no other address made the operator ready. */
    private static boolean failed(OperatorVerdict v, AttachResult a) {
        return !a.passed() && !v.ready();
    }

    private static void failure(XMLStreamWriter x, String type, String message, String text) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("failure");
        x.writeAttribute("type", type);
        x.writeAttribute("message", message);
        if (!text.isEmpty()) {
            x.writeCharacters(text);
        }
        x.writeEndElement();
    }

    private static void systemOut(XMLStreamWriter x, String text) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("system-out");
        x.writeCharacters(text);
        x.writeEndElement();
        x.writeCharacters("\n  ");
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
