package dev.wificall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing, help, version and every usage mistake: one line naming option and value, exit 64, no stack trace. */
class UsageTest {

    @TempDir
    Path dir;

    @Test
    void versionIsTheProjectVersionFromTheFilteredResource() {
        Run r = Run.of(dir, "--version");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().strip()).matches("wificall \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void everyLevelHasHelpWithTheExitCodes() {
        for (String sub : new String[] {"check", "firewall", "audit", "simulate"}) {
            Run r = Run.of(dir, sub, "--help");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).as(sub).contains("\nUsage: wificall " + sub + " ").contains("Exit codes:").contains("64 ")
                    .contains("70 ");
        }
        Run top = Run.of(dir, "--help");
        assertThat(top.out()).contains("check", "firewall", "audit", "simulate", "generate-completion")
                .contains("source <(wificall generate-completion)")
                .contains("1    not compliant").contains("2    could not judge");
    }

    @Test
    void noSubcommandShowsTheUsageAndIsAUsageError() {
        Run r = Run.of(dir);
        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.err()).startsWith("Usage: wificall");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void completionScriptForBash() {
        Run r = Run.of(dir, "generate-completion");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("complete -F").contains("wificall").contains("--dns-server").contains("--port-offset");
    }

    @Test
    void missingOperator() {
        Run r = Run.of(dir, "check");
        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.err()).isEqualTo("wificall check: Missing required parameter: 'OPERATOR'\n"
                + "Try 'wificall check --help' for more information.\n");
        assertThat(r.out()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "check|26-1|OPERATOR '26-1': ",
        "check|262-01 --ports 501|--ports=501: '501' is not an IKE port",
        "check|262-01 --dns-timeout 3|--dns-timeout=3: ",
        "check|262-01 --probe-timeout soon|--probe-timeout=soon: ",
        "check|262-01 --port-offset x|--port-offset=x: 'x' is not a whole number; expected 0 to 61035",
        "check|262-01 --port-offset 70000|--port-offset=70000: ",
        "check|262-01 --rate -1|--rate=-1: ",
        "check|262-01 --address-policy some|--address-policy=some: ",
        "check|262-01 --max-addresses 0|--max-addresses=0: ",
        "check|262-01 --formats json,pdf|--formats=json,pdf: 'pdf' is not a report format; expected json, junit or html",
        "check|262-01 --dns-server 10.0.0.1:99999|--dns-server=10.0.0.1:99999: ",
        "check|262-01 --ike-auth maybe|--ike-auth=maybe: ",
        "check|262-01 --rules missing.set|--rules=missing.set: no such file",
        "check|262-01 --rules rules.txt|--rules=rules.txt: the format does not show in the name",
        "firewall|262-01 --format pdf|--format=pdf: ",
        "audit|262-01 --fail-on sometimes|--fail-on=sometimes: ",
        "audit|262-01 --profiles rfc_0|--profiles=rfc_0: ",
        "simulate|--drop 501|--drop=501: '501' is not an IKE port",
        "simulate|--port-offset 0|--port-offset=0: ",
        "simulate|--duration 5|--duration=5: ",
    })
    void badValueIsOneLineNamingTheOptionAndValue(String command, String args, String expected) {
        String[] argv = (command + " " + args).split(" ");
        Run r = Run.of(dir, argv);
        assertThat(r.exit()).as(r.toString()).isEqualTo(64);
        String[] lines = r.err().split("\n");
        assertThat(lines[0]).as(r.toString()).startsWith("wificall " + command + ": " + expected);
        assertThat(lines[0].length()).as(lines[0]).isGreaterThan(("wificall " + command + ": " + expected).length() - 1);
        assertThat(lines[lines.length - 1]).isEqualTo("Try 'wificall " + command + " --help' for more information.");
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void attachCredentialsComeOnlyFromTheEnvironmentAndAreNeverEchoed() {
        Run none = Run.of(dir, false, Map.of(), "check", "262-01", "--ike-auth", "attach");
        assertThat(none.exit()).as(none.toString()).isEqualTo(64);
        assertThat(none.err()).startsWith("wificall check: --ike-auth=attach: ").contains("WIFICALL_IMSI");
        String k = "000102030405060708090a0b0c0d0e0";   // 31 hex digits: one short
        Run bad = Run.of(dir, false, Map.of("WIFICALL_IMSI", "262011234567890", "WIFICALL_K", k,
                "WIFICALL_OPC", "000102030405060708090a0b0c0d0e0f"), "check", "262-01", "--ike-auth", "attach");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(64);
        assertThat(bad.err()).contains("WIFICALL_K").doesNotContain(k).doesNotContain("262011234567890");
        Run option = Run.of(dir, "check", "262-01", "--k", k);
        assertThat(option.exit()).isEqualTo(64);
        assertThat(option.err()).startsWith("wificall check: Unknown option: '--k'");
    }
}
