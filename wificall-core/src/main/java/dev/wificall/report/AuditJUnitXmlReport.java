package dev.wificall.report;

import dev.wificall.audit.AuditResult;
import dev.wificall.audit.CheckResult;
import dev.wificall.audit.Finding;
import dev.wificall.audit.Severity;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an audit in the JUnit XML format CI servers show: one testsuite, one testcase per check and
 * address and port (classname the operator, FQDN, address and port; name the check id), failed when
 * its worst finding is at or above {@code failOn}, skipped when the check was not asked.
 */
public final class AuditJUnitXmlReport {
    public static final String FILE_NAME = "TEST-wificall-audit.xml";

    private AuditJUnitXmlReport() {
    }

    public static void write(AuditResult audit, Severity failOn, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            render(audit, failOn, x);
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML report " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean failed(CheckResult c, Severity failOn) {
        return failOn != null && c.openFinding().map(f -> f.severity().atLeast(failOn)).orElse(false);
    }

    private static void render(AuditResult audit, Severity failOn, XMLStreamWriter x) throws XMLStreamException {
        long failures = audit.checks().stream().filter(c -> failed(c, failOn)).count();
        long skipped = audit.checks().stream().filter(c -> c.outcome() == dev.wificall.audit.AuditOutcome.SKIPPED).count();
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", "wificall audit");
        x.writeAttribute("tests", String.valueOf(audit.checks().size()));
        x.writeAttribute("failures", String.valueOf(failures));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", String.valueOf(skipped));
        x.writeAttribute("time", String.format(Locale.ROOT, "%.3f", audit.elapsed().toMillis() / 1000.0));
        for (CheckResult c : audit.checks()) {
            x.writeCharacters("\n  ");
            x.writeStartElement("testcase");
            x.writeAttribute("classname", c.target().operator() + " " + c.target().fqdn() + " " + c.place());
            x.writeAttribute("name", c.check().id());
            x.writeAttribute("time", "0");
            if (c.outcome() == dev.wificall.audit.AuditOutcome.SKIPPED) {
                x.writeCharacters("\n    ");
                x.writeEmptyElement("skipped");
                x.writeAttribute("message", c.detail());
            } else if (failed(c, failOn)) {
                Finding f = c.finding().orElseThrow();
                x.writeCharacters("\n    ");
                x.writeStartElement("failure");
                x.writeAttribute("type", f.severity().wire() + " (" + f.profile() + ")");
                x.writeAttribute("message", f.sentence());
                x.writeCharacters(c.outcome().wire() + ": " + c.detail());
                x.writeEndElement();
            }
            x.writeCharacters("\n    ");
            x.writeStartElement("system-out");
            StringBuilder out = new StringBuilder(c.check().question()).append(": ").append(c.outcome().wire()).append(", ")
                    .append(c.detail());
            if (c.acceptedBy() != null) {
                out.append("\naccepted by the baseline until ").append(c.acceptedBy().expires()).append(": ")
                        .append(c.acceptedBy().reason());
            }
            for (Finding f : c.findings()) {
                out.append("\n").append(f.severity().wire()).append(" (").append(f.profile()).append("): ")
                        .append(f.sentence());
            }
            x.writeCharacters(out.toString());
            x.writeEndElement();
            x.writeCharacters("\n  ");
            x.writeEndElement();
        }
        x.writeCharacters("\n");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndDocument();
    }
}
