package dev.wificall.report;

import dev.wificall.audit.AuditResult;
import dev.wificall.audit.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The audit's three reports, as every front end writes them. */
public final class AuditReports {

    private AuditReports() {
    }

    /**
     * Writes wificall-audit.json, TEST-wificall-audit.xml and wificall-audit.html into {@code dir}.
     *
     * @param threshold the failOn severity (the JUnit XML and HTML mark what fails), null for none
     * @return the files written
     */
    public static List<Path> write(AuditResult audit, Severity threshold, Path dir) throws IOException {
        Path json = dir.resolve(AuditJsonReport.FILE_NAME);
        Path xml = dir.resolve(AuditJUnitXmlReport.FILE_NAME);
        Path html = dir.resolve(AuditHtmlReport.FILE_NAME);
        AuditJsonReport.write(audit, json);
        AuditJUnitXmlReport.write(audit, threshold, xml);
        AuditHtmlReport.write(audit, threshold, html);
        return List.of(json, xml, html);
    }
}
