package dev.wificall.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goal's configuration mistakes, each a MojoExecutionException naming element, property and
 * value, before any packet is sent; the checks themselves run against the lab in the it module.
 */
class CheckMojoTest {

    @TempDir
    Path dir;

    private CheckMojo mojo() {
        CheckMojo m = new CheckMojo(new ReportWriter());
        m.operators = List.of(Operator.of("262-01"));
        m.dnsServer = "127.0.0.1:9";
        m.dnsTimeout = "3s";
        m.probeTimeout = "2400ms";
        m.ports = "500,4500";
        m.rate = 200;
        m.addressPolicy = "any";
        m.failOnViolation = true;
        m.formats = "json,junit,html";
        m.reportDirectory = dir.resolve("reports").toFile();
        m.basedir = dir.toFile();
        return m;
    }

    @Test
    void skipDoesNothingAtAll() throws Exception {
        CheckMojo m = mojo();
        m.skip = true;
        m.operators = null; // not even the configuration is read
        m.execute();
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void badDurationsNameElementPropertyAndValue() {
        CheckMojo m = mojo();
        m.dnsTimeout = "3";
        assertThatThrownBy(m::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessage("<dnsTimeout>3</dnsTimeout> (property wificall.dnsTimeout): '3' is not a duration; expected a"
                        + " number with a unit, e.g. 3s, 500ms or 1m");
        CheckMojo n = mojo();
        n.probeTimeout = "2h";
        assertThatThrownBy(n::execute).hasMessageStartingWith("<probeTimeout>2h</probeTimeout> (property wificall.probeTimeout)");
        CheckMojo o = mojo();
        o.probeTimeout = "20m";
        assertThatThrownBy(o::execute).hasMessageContaining("20m is out of range; expected between 1ms and 10m");
    }

    @Test
    void badRatePortsAndFormatsAreNamed() {
        CheckMojo m = mojo();
        m.rate = -1;
        assertThatThrownBy(m::execute).hasMessageStartingWith("<rate>-1</rate> (property wificall.rate): packet rate -1/s must"
                + " be 0 (no cap) or positive");
        CheckMojo n = mojo();
        n.ports = "500,450";
        assertThatThrownBy(n::execute).hasMessage("<ports>500,450</ports> (property wificall.ports): '450' is not an IKE"
                + " port; expected 500 or 4500");
        CheckMojo o = mojo();
        o.formats = "json,pdf";
        assertThatThrownBy(o::execute).hasMessage("<formats>json,pdf</formats> (property wificall.formats): 'pdf' is not a"
                + " report format; expected json, junit or html");
    }

    @Test
    void noOperatorsAnywhereIsNamed() {
        CheckMojo m = mojo();
        m.operators = List.of();
        assertThatThrownBy(m::execute).hasMessageStartingWith("<operators> is empty: name at least one operator")
                .hasMessageContaining("<operatorsFile>");
    }

    @Test
    void relativeOperatorsFileIsReadFromTheProjectDirectory() throws Exception {
        Files.writeString(dir.resolve("ops.txt"), "26-01\n");
        CheckMojo m = mojo();
        m.operators = null;
        m.operatorsFile = new File("ops.txt");
        assertThatThrownBy(m::execute).hasMessageStartingWith(dir.resolve("ops.txt") + " line 1: <operator>26-01</operator>");
    }
}
