package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.audit.AuditOutcome;
import dev.wificall.audit.AuditSettings;
import dev.wificall.audit.AuditTarget;
import dev.wificall.audit.CheckResult;
import dev.wificall.audit.HybridKeyExchange;
import dev.wificall.audit.Severity;
import dev.wificall.discovery.Plmn;
import dev.wificall.it.AuditLab.Responder;
import dev.wificall.probe.IkePort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The post-quantum checks against strongSwan 6.1.0 of the audit lab (it/lab/audit.sh; expects the audit
 * lab, which {@link Lab#audit()} brings up and takes down as for AuditIT): "pq" (10.77.10.7, fd77:a::7)
 * takes X25519 with ML-KEM-768 or ML-KEM-1024 as ADDKE1 and must complete IKE_INTERMEDIATE on both
 * ports and families, as its log shows; "classic" (10.77.10.6, the same charon) refuses the offer.
 * Calls {@link HybridKeyExchange} directly, not through the Auditor.
 */
class PostQuantumIT {
    private static Lab lab;

    @BeforeAll
    static void up() {
        lab = Lab.audit();
    }

    @AfterAll
    static void down() {
        if (lab != null) {
            lab.close();
        }
    }

    private static Responder responder(String name) throws IOException {
        return AuditLab.responders().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static String logSince(Path log, long from) throws IOException {
        byte[] all = Files.readAllBytes(log);
        int start = (int) Math.min(from, all.length);
        return new String(all, start, all.length - start, StandardCharsets.UTF_8);
    }

    @Test
    void strongSwan610CompletesBothHybridExchangesOnEveryPortAndFamily() throws IOException {
        Responder pq = responder("pq");
        long from = Files.size(pq.log());

        List<CheckResult> results = HybridKeyExchange.check(pq.targets(), AuditSettings.DEFAULTS.probe());

        assertThat(results).hasSize(8);
        for (CheckResult r : results) {
            String kem = r.check().id().substring("pq:".length());
            assertThat(r.outcome()).as(r.place() + " " + r.check().id() + ": " + r.detail()).isEqualTo(AuditOutcome.ACCEPTED);
            assertThat(r.chosen()).isEqualTo("aes256gcm16-prfsha384-curve25519-ke1_" + kem);
            assertThat(r.detail()).contains("IKE_INTERMEDIATE completed")
                    .contains(kem.equals("mlkem768") ? "1088-byte ciphertext" : "1568-byte ciphertext")
                    .contains("keys of SKEYSEED(1) (RFC 9370 §2.2.2) confirmed");
            assertThat(r.findings()).isEmpty();
        }
        // ML-KEM-1024's answer exceeds charon's fragment_size (1280): RFC 7383 fragments
        assertThat(results).filteredOn(r -> r.check().id().equals("pq:mlkem1024"))
                .allMatch(r -> r.detail().contains("in 2 IKE fragments"));

        String log = logSince(pq.log(), from);
        assertThat(log.lines().filter(l -> l.contains("selected proposal: IKE:AES_GCM_16_256/PRF_HMAC_SHA2_384/CURVE_25519/KE1_ML_KEM_")))
                .hasSize(8);
        assertThat(log.lines().filter(l -> l.contains("parsed IKE_INTERMEDIATE request 1 [ KE ]"))).hasSize(8);
        assertThat(log.lines().filter(l -> l.contains("generating IKE_INTERMEDIATE response 1 [ KE ]"))).hasSize(8);
        assertThat(log.lines().filter(l -> l.contains("parsed INFORMATIONAL request 2 [ D ]"))).hasSize(8);
    }

    @Test
    void theClassicOnlyProposalsRefuseTheHybridOffer() throws IOException {
        List<CheckResult> results = HybridKeyExchange.check(responder("classic").targets(), AuditSettings.DEFAULTS.probe());

        assertThat(results).hasSize(8).allSatisfy(r -> {
            assertThat(r.outcome()).as(r.place() + " " + r.check().id()).isEqualTo(AuditOutcome.NO_PROPOSAL_CHOSEN);
            assertThat(r.finding().orElseThrow().severity()).isEqualTo(Severity.INFO);
            assertThat(r.finding().orElseThrow().sentence())
                    .contains("does not offer post-quantum key exchange (RFC 9370 with ML-KEM)");
        });
    }
}
