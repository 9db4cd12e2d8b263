package dev.wificall.maven;

import dev.wificall.report.CheckReports;
import dev.wificall.verdict.OperatorVerdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Named;
import javax.inject.Singleton;

/** Writes the check's reports in the formats asked for ({@link CheckReports}); a component so that the goal gets it injected. */
@Named
@Singleton
public class ReportWriter {

    /** @return the files written, in the order of {@code formats} */
    List<Path> write(List<OperatorVerdict> verdicts, Path dir, List<CheckReports.Format> formats) throws IOException {
        return CheckReports.write(verdicts, dir, formats);
    }
}
