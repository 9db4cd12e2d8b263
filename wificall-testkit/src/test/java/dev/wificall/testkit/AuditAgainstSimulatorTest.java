package dev.wificall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.audit.AuditOutcome;
import dev.wificall.audit.AuditProfile;
import dev.wificall.audit.AuditResult;
import dev.wificall.audit.AuditSettings;
import dev.wificall.audit.AuditTarget;
import dev.wificall.audit.Auditor;
import dev.wificall.audit.CheckResult;
import dev.wificall.audit.KnownStaticKeys;
import dev.wificall.audit.Severity;
import dev.wificall.discovery.Plmn;
import dev.wificall.dns.AddressText;
import dev.wificall.ike.DhGroup;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.ProbeSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The audit against simulated ePDGs on loopback: the matrix must be what each simulator's proposals allow. */
class AuditAgainstSimulatorTest {
    private static final AuditSettings FAST = AuditSettings.DEFAULTS
            .withProbe(new ProbeSettings(Duration.ofMillis(100), Duration.ofMillis(600)).withPacketsPerSecond(0))
            .withProfiles(List.of(AuditProfile.RFC_8247, AuditProfile.TS_33_210_REL16, AuditProfile.PHONES));

    /** Weak groups and legacy transforms beside modern ones. */
    private static final String LEGACY = "aes256gcm16-aes128gcm16-prfsha256-ecp256-modp2048-modp1024-modp768,"
            + "aes256-aes128-3des-sha256-sha1-md5-prfsha256-prfsha1-prfmd5-ecp256-modp2048-modp1024-modp768";

    private final List<EpdgSimulator> started = new ArrayList<>();

    @AfterEach
    void close() {
        for (EpdgSimulator sim : started) {
            sim.close();
            assertThat(sim.failures()).as("exceptions in the simulator's behaviours").isEmpty();
        }
    }

    private EpdgSimulator start(EpdgSimulator.Builder b) throws IOException {
        EpdgSimulator sim = b.start();
        started.add(sim);
        return sim;
    }

    private static AuditTarget target(String plmn, EpdgSimulator sim, IkePort port) {
        return new AuditTarget(plmn == null ? null : Plmn.parse(plmn), "epdg.sim", new InetSocketAddress(sim.address(),
                sim.port(port)), port);
    }

    private static Set<String> ids(AuditResult r, AuditTarget t, AuditOutcome o) {
        return r.checks().stream().filter(c -> c.target().equals(t) && c.outcome() == o).map(c -> c.check().id())
                .collect(Collectors.toSet());
    }

    private static CheckResult cell(AuditResult r, AuditTarget t, String id) {
        return r.checks().stream().filter(c -> c.target().equals(t) && c.check().id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " for " + t));
    }

    @Test
    void legacyResponderMatrixIsExactlyWhatItsProposalsAllow() throws IOException {
        EpdgSimulator sim = start(EpdgSimulator.builder().proposals(LEGACY));
        AuditTarget t500 = target(null, sim, IkePort.UDP_500);
        AuditTarget t4500 = target(null, sim, IkePort.UDP_4500);
        AuditResult r = new Auditor(FAST).run(List.of(t500, t4500));

        for (AuditTarget t : List.of(t500, t4500)) {
            Set<String> accepted = ids(r, t, AuditOutcome.ACCEPTED);
            Set<String> refused = ids(r, t, AuditOutcome.NO_PROPOSAL_CHOSEN);
            Set<String> dh = accepted.stream().filter(id -> id.startsWith("dh:")).collect(Collectors.toSet());
            assertThat(dh).as("groups accepted alone at " + t).containsExactlyInAnyOrder("dh:1", "dh:2", "dh:14", "dh:19");
            assertThat(refused.stream().filter(id -> id.startsWith("dh:"))).hasSize(DhGroup.values().length - 4);
            assertThat(accepted.stream().filter(id -> !id.startsWith("dh:") && !id.startsWith("phone:")))
                    .as("transforms accepted beside group 19").containsExactlyInAnyOrder("downgrade", "encr:3des",
                            "encr:aes128", "encr:aes256", "encr:aes128gcm16", "encr:aes256gcm16", "integ:md5", "integ:sha1",
                            "integ:sha256", "prf:md5", "prf:sha1", "prf:sha256");
            assertThat(refused).contains("encr:des", "encr:aes192", "encr:aes128ctr", "encr:aes128gcm8",
                    "encr:chacha20poly1305", "integ:sha512", "integ:aesxcbc", "prf:sha384", "prf:aesxcbc");
            // strongest first: a KE for ECP-521 it lacks, so it asks for the strongest group it has
            CheckResult prefer = cell(r, t, "prefer");
            assertThat(prefer.outcome()).as(prefer.detail()).isEqualTo(AuditOutcome.INVALID_KE);
            assertThat(prefer.wantedGroup()).isEqualTo(19);
            CheckResult down = cell(r, t, "downgrade");
            assertThat(down.chosen()).endsWith("-modp768");
            assertThat(down.finding().orElseThrow().severity()).isEqualTo(Severity.HIGH);
            assertThat(down.finding().orElseThrow().sentence()).contains("chose DH group 1 (MODP-768")
                    .contains("weakest first");
            assertThat(cell(r, t, "dh:1").finding().orElseThrow().sentence())
                    .contains("accepts DH group 1 (MODP-768)").contains("MUST NOT").contains(t.destination().getPort() + "");
            assertThat(cell(r, t, "integ:md5").finding().orElseThrow().severity()).isEqualTo(Severity.HIGH);
            assertThat(cell(r, t, "encr:des").finding()).isEmpty();
            assertThat(cell(r, t, "ke-reuse").outcome()).isEqualTo(AuditOutcome.NOT_FOUND);
            assertThat(cell(r, t, "nonce-reuse").outcome()).isEqualTo(AuditOutcome.NOT_FOUND);
            assertThat(cell(r, t, "ke-known").outcome()).isEqualTo(AuditOutcome.NOT_FOUND);
            assertThat(cell(r, t, "spi").outcome()).isEqualTo(AuditOutcome.NOT_FOUND);
            assertThat(cell(r, t, "fragmentation").outcome()).isEqualTo(AuditOutcome.FOUND);
        }
        // one exchange per check and port, no retransmission on loopback; prefer retried once after INVALID_KE
        int exchanges = (int) r.checks().stream().filter(c -> c.check().offer() != null).count();
        assertThat(r.packets()).isEqualTo(exchanges + 2);
    }

    @Test
    void modernResponderAsksForAStrongerGroupWhenOfferedTheWeakestFirst() throws IOException {
        EpdgSimulator sim = start(EpdgSimulator.builder());
        AuditTarget t = target(null, sim, IkePort.UDP_4500);
        AuditResult r = new Auditor(FAST).run(List.of(t));
        assertThat(ids(r, t, AuditOutcome.ACCEPTED).stream().filter(id -> id.startsWith("dh:")))
                .containsExactlyInAnyOrder("dh:14", "dh:19", "dh:20");
        CheckResult down = cell(r, t, "downgrade");
        assertThat(down.outcome()).as(down.detail()).isEqualTo(AuditOutcome.INVALID_KE);
        assertThat(down.wantedGroup()).isEqualTo(14);
        assertThat(down.detail()).isEqualTo("INVALID_KE_PAYLOAD asked for DH group 14, then chose " + down.chosen());
        assertThat(down.findings()).isEmpty();
        assertThat(r.findingsAtLeast(Severity.MEDIUM)).as("no weak group, every required one there").isEmpty();
    }

    @Test
    void sharedStaticKeyIsFoundAcrossTwoOperatorsAndNamesEveryPlace() throws IOException {
        StaticKeys shared = StaticKeys.create();
        EpdgSimulator a = start(EpdgSimulator.builder().staticKeys(shared).behaviour(Behaviour.sharedKey()));
        EpdgSimulator b = start(EpdgSimulator.builder().address(InetAddress.getByName("127.0.0.2")).staticKeys(shared)
                .behaviour(Behaviour.sharedKey()));
        EpdgSimulator fresh = start(EpdgSimulator.builder().address(InetAddress.getByName("127.0.0.3")));
        AuditTarget ta = target("001-01", a, IkePort.UDP_500);
        AuditTarget tb = target("001-02", b, IkePort.UDP_500);
        AuditTarget tf = target("001-03", fresh, IkePort.UDP_500);
        AuditResult r = new Auditor(FAST.withTransforms(false)).run(List.of(ta, tb, tf));

        for (AuditTarget t : List.of(ta, tb)) {
            CheckResult reuse = cell(r, t, "ke-reuse");
            assertThat(reuse.outcome()).isEqualTo(AuditOutcome.FOUND);
            assertThat(reuse.finding().orElseThrow().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(reuse.detail()).contains("across operators 001-01, 001-02")
                    .contains("001-01 " + AddressText.of(ta.destination())).contains("001-02 " + AddressText.of(tb.destination()));
            assertThat(cell(r, t, "nonce-reuse").outcome()).as("fresh nonces").isEqualTo(AuditOutcome.NOT_FOUND);
        }
        assertThat(cell(r, tf, "ke-reuse").outcome()).isEqualTo(AuditOutcome.NOT_FOUND);
        assertThat(cell(r, tf, "ke-reuse").detail()).contains("each seen once");
    }

    @Test
    void reusedNonceIsFoundWithinOneAddress() throws IOException {
        EpdgSimulator sim = start(EpdgSimulator.builder().behaviour(Behaviour.reusedNonce()));
        AuditTarget t = target("001-04", sim, IkePort.UDP_500);
        AuditResult r = new Auditor(FAST.withTransforms(false)).run(List.of(t));
        CheckResult nonce = cell(r, t, "nonce-reuse");
        assertThat(nonce.outcome()).isEqualTo(AuditOutcome.FOUND);
        assertThat(nonce.detail()).contains("the same nonce").contains("within one address").contains("(prefer, downgrade,");
        assertThat(nonce.finding().orElseThrow().severity()).isEqualTo(Severity.HIGH);
        assertThat(nonce.finding().orElseThrow().sentence()).contains("RFC 7296 §2.10");
        assertThat(cell(r, t, "ke-reuse").outcome()).isEqualTo(AuditOutcome.NOT_FOUND);
    }

    @Test
    void nonceReusedByTwoOperatorsIsFoundAcrossOperators() throws IOException {
        StaticKeys shared = StaticKeys.create();
        EpdgSimulator a = start(EpdgSimulator.builder().staticKeys(shared).behaviour(Behaviour.reusedNonce()));
        EpdgSimulator b = start(EpdgSimulator.builder().address(InetAddress.getByName("127.0.0.2")).staticKeys(shared)
                .behaviour(Behaviour.reusedNonce()));
        AuditTarget ta = target("001-05", a, IkePort.UDP_4500);
        AuditTarget tb = target("001-06", b, IkePort.UDP_4500);
        AuditResult r = new Auditor(FAST.withTransforms(false)).run(List.of(ta, tb));
        for (AuditTarget t : List.of(ta, tb)) {
            CheckResult nonce = cell(r, t, "nonce-reuse");
            assertThat(nonce.outcome()).isEqualTo(AuditOutcome.FOUND);
            assertThat(nonce.detail()).contains("across operators 001-05, 001-06")
                    .contains("001-05 " + AddressText.of(ta.destination())).contains("001-06 " + AddressText.of(tb.destination()));
            assertThat(nonce.finding().orElseThrow().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(cell(r, t, "ke-reuse").outcome()).as("fresh KE values").isEqualTo(AuditOutcome.NOT_FOUND);
        }
    }

    @Test
    void keyOnTheKnownListIsFlagged() throws Exception {
        StaticKeys keys = StaticKeys.create();
        EpdgSimulator sim = start(EpdgSimulator.builder().staticKeys(keys).behaviour(Behaviour.sharedKey()));
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(keys.publicValue(DhGroup.ECP_256)));
        KnownStaticKeys fixture = KnownStaticKeys.load().plus(hash, 19);
        AuditTarget t = target(null, sim, IkePort.UDP_500);
        AuditResult r = new Auditor(FAST.withTransforms(false), fixture).run(List.of(t));
        CheckResult known = cell(r, t, "ke-known");
        assertThat(known.outcome()).isEqualTo(AuditOutcome.FOUND);
        assertThat(known.detail()).contains("CVE-2024-22064").contains(hash.substring(0, 16)).contains("DH group 19");
        assertThat(known.finding().orElseThrow().severity()).isEqualTo(Severity.CRITICAL);
        // without the fixture the same key is not on the study's list
        AuditResult plain = new Auditor(FAST.withTransforms(false)).run(List.of(t));
        assertThat(cell(plain, t, "ke-known").outcome()).isEqualTo(AuditOutcome.NOT_FOUND);
        assertThat(KnownStaticKeys.load().size()).isEqualTo(49);
    }

    @Test
    void silentAddressIsAskedOnceAndEveryOtherCheckSaysWhy() throws IOException {
        EpdgSimulator sim = start(EpdgSimulator.builder().behaviour(Behaviour.silence()));
        AuditTarget t = target("262-01", sim, IkePort.UDP_500);
        AuditResult r = new Auditor(FAST).run(List.of(t));
        assertThat(cell(r, t, "prefer").outcome()).isEqualTo(AuditOutcome.SILENT);
        assertThat(cell(r, t, "dh:14").outcome()).isEqualTo(AuditOutcome.SKIPPED);
        assertThat(cell(r, t, "dh:14").detail()).startsWith("not asked: " + AddressText.of(t.destination())
                + " gave no answer to the all-groups offer (silent: ");
        assertThat(cell(r, t, "encr:3des").outcome()).isEqualTo(AuditOutcome.SKIPPED);
        assertThat(sim.datagramsReceived(IkePort.UDP_500)).isEqualTo(r.packets()).isBetween(3, 4);
    }

    @Test
    void phonesOfTheOperatorAreReplayedAndTheOnesLockedOutNamed() throws IOException {
        EpdgSimulator sim = start(EpdgSimulator.builder());
        AuditTarget t = target("262-01", sim, IkePort.UDP_500);
        AuditResult r = new Auditor(FAST.withTransforms(false)).run(List.of(t));
        List<CheckResult> phones = r.checks().stream().filter(c -> c.check().id().startsWith("phone:")).toList();
        assertThat(phones).extracting(c -> c.check().id()).containsExactly("phone:samsung:TMobile_DE",
                "phone:apple:TMobile_Germany_iPhone", "phone:qualcomm-mbn-xiaomi:Commercial-DT-VOLTE",
                "phone:qualcomm-mbn-oppo:Commercial-DT-VOLTE");
        CheckResult apple = cell(r, t, "phone:apple:TMobile_Germany_iPhone");
        assertThat(apple.outcome()).isEqualTo(AuditOutcome.NO_PROPOSAL_CHOSEN);
        assertThat(apple.finding().orElseThrow().sentence()).startsWith("apple TMobile_Germany_iPhone phones would not"
                + " connect").contains("aes256-sha1-prfsha1-modp1024");
        assertThat(cell(r, t, "phone:samsung:TMobile_DE").outcome()).isEqualTo(AuditOutcome.ACCEPTED);
    }

    @Test
    void weakGroupKeptOnlyForPhonesIsExplained() throws IOException {
        EpdgSimulator sim = start(EpdgSimulator.builder().proposals("aes256-sha1-prfsha1-modp1024-modp2048"));
        AuditTarget t = target("262-01", sim, IkePort.UDP_500);
        AuditResult r = new Auditor(FAST.withTransforms(false)).run(List.of(t));
        CheckResult dh2 = cell(r, t, "dh:2");
        assertThat(dh2.outcome()).as(dh2.detail()).isEqualTo(AuditOutcome.ACCEPTED);
        assertThat(dh2.findings()).extracting(f -> f.profile()).contains("RFC 8247", "TS 33.210 Rel-16", "carrier's phones");
        assertThat(dh2.findings().stream().filter(f -> f.profile().equals("carrier's phones")).findFirst().orElseThrow()
                .sentence()).contains("DH group 2 stays").contains("only because phones still offer it")
                .contains("apple TMobile_Germany_iPhone");
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> FAST.withExchangesPerAddress(0)).hasMessageContaining("exchanges per address 0")
                .hasMessageContaining("between 1 and 16");
        assertThatThrownBy(() -> AuditProfile.parse("rfc9999")).hasMessageContaining("'rfc9999'")
                .hasMessageContaining("rfc_8247");
        assertThatThrownBy(() -> KnownStaticKeys.load().plus("abc", 2)).hasMessageContaining("'abc'")
                .hasMessageContaining("64 hex digits");
    }
}
