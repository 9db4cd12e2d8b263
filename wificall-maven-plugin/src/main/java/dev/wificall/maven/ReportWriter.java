package dev.wificall.maven;

import dev.wificall.report.HtmlReport;
import dev.wificall.report.JUnitXmlReport;
import dev.wificall.report.JsonReport;
import dev.wificall.verdict.OperatorVerdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.inject.Named;
import javax.inject.Singleton;

/** Writes the check's reports in the formats asked for; a component so that the goal gets it injected. */
@Named
@Singleton
public class ReportWriter {

    /** The report formats and their files. */
    enum Format {
        JSON("wificall-report.json"),
        JUNIT("TEST-wificall.xml"),
        HTML("wificall-report.html");

        final String file;

        Format(String file) {
            this.file = file;
        }

        static Format parse(String text) {
            String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
            if (t.equals("XML")) {
                return JUNIT;
            }
            for (Format f : values()) {
                if (f.name().equals(t)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not a report format; expected json, junit or html");
        }
    }

    /** @return the files written, in the order of {@code formats} */
    List<Path> write(List<OperatorVerdict> verdicts, Path dir, List<Format> formats) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Format f : formats) {
            Path file = dir.resolve(f.file);
            switch (f) {
                case JSON -> JsonReport.write(verdicts, file);
                case JUNIT -> JUnitXmlReport.write(verdicts, file);
                case HTML -> HtmlReport.write(verdicts, file);
                default -> throw new IllegalStateException("format " + f);
            }
            written.add(file);
        }
        return written;
    }
}
