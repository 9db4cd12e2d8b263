package dev.wificall.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.discovery.Plmn;
import dev.wificall.probe.IkePort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    private static CheckResult cell(String op, String address, String check, Severity s) throws Exception {
        AuditTarget t = new AuditTarget(Plmn.parse(op), "epdg.example", new InetSocketAddress(InetAddress.getByName(address),
                500), IkePort.UDP_500);
        return new CheckResult(t, AuditCheck.derived(check, AuditCheck.Family.DH, check), AuditOutcome.ACCEPTED, "chose x",
                null, 1, List.of(new Finding(s, "RFC 8247", check + " accepted")));
    }

    private static AuditResult audit(CheckResult... cells) {
        return new AuditResult(List.of(cells), cells.length, Duration.ofMillis(5), List.of(AuditProfile.RFC_8247));
    }

    @Test
    void acceptedFindingsNoLongerFailUntilTheyExpire() throws Exception {
        Baseline b = Baseline.parse(List.of("# accepted", "", "dh:2 262-01 * 2027-06-30 Apple phones offer only MODP-1024",
                "encr:3des * 10.0.0.7 2026-12-01 legacy peer, removal planned", "dh:1 262-02 * 2027-01-01 typo entry"), "b.txt");
        AuditResult a = audit(cell("262-01", "10.0.0.1", "dh:2", Severity.MEDIUM),
                cell("262-01", "10.0.0.7", "encr:3des", Severity.LOW), cell("262-03", "10.0.0.9", "dh:2", Severity.HIGH));
        Baseline.Applied applied = b.apply(a, TODAY);
        AuditResult after = applied.audit();
        assertThat(after.accepted()).hasSize(1);
        assertThat(after.accepted().get(0).acceptedBy().reason()).isEqualTo("Apple phones offer only MODP-1024");
        assertThat(after.findingsAtLeast(Severity.LOW)).extracting(c -> c.check().id() + " " + c.target().operator())
                .containsExactly("encr:3des 262-01", "dh:2 262-03");
        assertThat(applied.notes()).containsExactly(
                "baseline entry encr:3des * 10.0.0.7 (line 4) of b.txt expired on 2026-12-01; its findings count again:"
                        + " fix them or renew the entry with a new reason",
                "baseline entry dh:1 262-02 * (line 5) of b.txt matched no finding: the ePDG changed or the entry is"
                        + " mistyped; remove it");
        assertThat(AuditSummary.findings(after, Severity.LOW)).noneMatch(l -> l.contains("262-01 ") && l.contains("dh:2"));
    }

    @Test
    void badLinesAreNamedWithWhatIsExpected() {
        assertThatThrownBy(() -> Baseline.parse(List.of("dh:2 262-01 *"), "b.txt")).hasMessage(
                "audit baseline b.txt line 1 'dh:2 262-01 *' has 3 fields; expected five: check operator address expires"
                        + " reason, e.g. 'dh:2 262-01 * 2027-06-30 phones still offer it'");
        assertThatThrownBy(() -> Baseline.parse(List.of("dh:2 262-01 * 30.06.2027 reason"), "b.txt"))
                .hasMessageContaining("expiry '30.06.2027' is no date; expected YYYY-MM-DD");
        assertThatThrownBy(() -> Baseline.parse(List.of("DH2 262-01 * 2027-06-30 reason"), "b.txt"))
                .hasMessageContaining("'DH2' is no audit check");
    }
}
