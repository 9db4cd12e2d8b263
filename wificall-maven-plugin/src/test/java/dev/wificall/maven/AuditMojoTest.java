package dev.wificall.maven;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit goal's configuration mistakes, each naming element, property and value, before any packet is sent. */
class AuditMojoTest {
    @TempDir
    Path dir;

    private AuditMojo mojo() {
        AuditMojo m = new AuditMojo();
        m.operators = List.of(Operator.of("262-01"));
        m.dnsServer = "127.0.0.1:9";
        m.dnsTimeout = "3s";
        m.probeTimeout = "3s";
        m.ports = "500,4500";
        m.rate = 50;
        m.exchangesPerAddress = 1;
        m.maxAddresses = "16";
        m.profiles = "rfc_8247,phones";
        m.failOn = "high";
        m.transforms = true;
        m.phones = true;
        m.reportDirectory = dir.resolve("reports").toFile();
        m.basedir = dir.toFile();
        return m;
    }

    @Test
    void badFailOn() {
        AuditMojo m = mojo();
        m.failOn = "severe";
        assertThatThrownBy(m::execute).isInstanceOf(MojoExecutionException.class).hasMessage("<failOn>severe</failOn>"
                + " (property wificall.failOn): severity 'severe' is not one of info, low, medium, high, critical, or none");
    }

    @Test
    void badProfile() {
        AuditMojo m = mojo();
        m.profiles = "rfc_8247,nist";
        assertThatThrownBy(m::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("<profiles>rfc_8247,nist</profiles> (property wificall.profiles): audit profile 'nist'"
                        + " is not one of rfc_8247, ts_33_210_rel13, ts_33_210_rel16, bsi_tr_02102_3, phones");
    }

    @Test
    void badExchangesAndTimeout() {
        AuditMojo m = mojo();
        m.exchangesPerAddress = 40;
        assertThatThrownBy(m::execute).hasMessageStartingWith("<exchangesPerAddress>40</exchangesPerAddress> (property"
                + " wificall.exchangesPerAddress): exchanges per address 40 must be between 1 and 16");
        AuditMojo t = mojo();
        t.probeTimeout = "soon";
        assertThatThrownBy(t::execute).hasMessageStartingWith("<probeTimeout>soon</probeTimeout> (property wificall.probeTimeout)");
    }

    @Test
    void badBaseline() throws Exception {
        AuditMojo m = mojo();
        Path file = dir.resolve("baseline.txt");
        Files.writeString(file, "dh:2 262-01 * 2027-13-01 reason\n");
        m.baseline = file.toFile();
        assertThatThrownBy(m::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("<baseline> (property wificall.baseline): audit baseline " + file + " line 1")
                .hasMessageContaining("expiry '2027-13-01' is no date; expected YYYY-MM-DD");
        m.baseline = dir.resolve("missing.txt").toFile();
        assertThatThrownBy(m::execute).hasMessageContaining("missing.txt does not exist");
    }
}
