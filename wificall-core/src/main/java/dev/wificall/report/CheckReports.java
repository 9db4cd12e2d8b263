package dev.wificall.report;

import dev.wificall.verdict.OperatorVerdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The check's reports in the formats asked for, as every front end writes them. */
public final class CheckReports {

    private CheckReports() {
    }

    /** The report formats and their files. */
    public enum Format {
        JSON("wificall-report.json"),
        JUNIT("TEST-wificall.xml"),
        HTML("wificall-report.html");

        private final String file;

        Format(String file) {
            this.file = file;
        }

        /** The file name in the report folder, e.g. {@code wificall-report.json}. */
        public String file() {
            return file;
        }

        /** {@code json}, {@code junit} (or {@code xml}), {@code html}, any case. */
        public static Format parse(String text) {
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

        /** "json,junit html": each once, in the order given; empty for blank text. */
        public static List<Format> parseList(String text) {
            List<Format> out = new ArrayList<>();
            for (String item : (text == null ? "" : text).split("[,\\s]+")) {
                if (!item.isBlank()) {
                    Format f = parse(item);
                    if (!out.contains(f)) {
                        out.add(f);
                    }
                }
            }
            return out;
        }
    }

    /** @return the files written, in the order of {@code formats} */
    public static List<Path> write(List<OperatorVerdict> verdicts, Path dir, List<Format> formats) throws IOException {
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
