package dev.wificall.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.wificall.attach.AttachResult;
import dev.wificall.attach.CertificateFinding;
import dev.wificall.attach.CertificateReport;
import dev.wificall.dns.DnsStatus;
import dev.wificall.ike.SaInitResponse;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.Offer;
import dev.wificall.probe.PortOutcome;
import dev.wificall.userplane.UserPlaneResult;
import dev.wificall.verdict.OperatorVerdict;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JsonReport's output against its documented schema, and the schema against what it documents. */
class JsonSchemaTest {

    private static final Instant AT = Instant.parse("2026-11-27T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Verdicts probed;
    private static JsonNode schemaNode;
    private static JsonSchema schema;

    @BeforeAll
    static void load() throws Exception {
        probed = Verdicts.probed();
        try (InputStream in = JsonReport.class.getResourceAsStream(JsonReport.SCHEMA_RESOURCE)) {
            assertThat(in).as("resource " + JsonReport.SCHEMA_RESOURCE).isNotNull();
            schemaNode = JSON.readTree(in);
        }
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode, config);
    }

    private static Set<ValidationMessage> validate(String json) {
        return schema.validate(json, InputFormat.JSON);
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() {
        // the meta-schema ships inside the validator: nothing is fetched
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate(schemaNode)).isEmpty();
        assertThat(schemaNode.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void reportsOfReadyBlockedAndUnresolvedOperatorsWithTranscriptsValidate() throws Exception {
        List<OperatorVerdict> verdicts = List.of(probed.ready(), probed.blocked(), Verdicts.nxdomain(), Verdicts.hostile());
        String json = JsonReport.render(verdicts, AT);

        assertThat(validate(json)).isEmpty();
        assertThat(validate(JsonReport.render(List.of(), AT))).isEmpty();
        for (OperatorVerdict v : verdicts) {
            assertThat(validate(JsonReport.render(List.of(v), AT))).as(v.operator()).isEmpty();
        }

        JsonNode operators = JSON.readTree(json).path("operators");
        JsonNode ready = operators.get(0);
        assertThat(ready.path("operator").asText()).isEqualTo(probed.ready().operator());
        assertThat(ready.path("discovery").path("form").asText()).isEqualTo("OPERATOR_IDENTIFIER");
        JsonNode answered = ready.path("probes").get(1);
        assertThat(answered.path("response").asText()).isEqualTo("ACCEPTED");
        assertThat(answered.path("selectedProposal").asText()).isEqualTo("aes256gcm16-prfsha256-ecp256");
        assertThat(answered.path("transcript").get(0).asText()).isEqualTo(probed.answered4500.transcript().header());
        assertThat(answered.path("transcript")).hasSize(1 + probed.answered4500.transcript().entries().size());
        JsonNode silent = operators.get(1).path("probes").get(1);
        assertThat(silent.path("outcome").asText()).isEqualTo("NO_ANSWER");
        assertThat(silent.has("response")).isFalse();
        assertThat(silent.path("transcript").get(silent.path("transcript").size() - 1).asText()).endsWith("timeout: deadline");
        assertThat(operators.get(1).has("discovery")).isFalse();
        JsonNode nx = operators.get(2);
        assertThat(nx.path("probes")).isEmpty();
        assertThat(nx.path("discovery").path("hint").asText()).isEqualTo("the 2-digit-MNC name does resolve");
        assertThat(nx.path("discovery").path("attempts").get(0).path("outcomes").get(0).path("status").asText())
                .isEqualTo("NXDOMAIN");
        // hostile text comes back as it went in, lone surrogate included
        assertThat(operators.get(3).path("verdict").asText()).isEqualTo(Verdicts.hostile().sentence());
    }

    @Test
    void reportsWithIkeAuthResultsValidateAndCarryWhatThePhoneSaw() throws Exception {
        List<OperatorVerdict> verdicts = List.of(Attaches.probedReady(), Attaches.probedExpired(),
                Attaches.attachedAndWrongK(), Verdicts.nxdomain());
        String json = JsonReport.render(verdicts, AT);

        assertThat(validate(json)).isEmpty();
        JsonNode operators = JSON.readTree(json).path("operators");
        JsonNode probe = operators.get(0).path("attaches").get(0);
        assertThat(probe.path("outcome").asText()).isEqualTo("ANSWERED");
        assertThat(probe.path("passed").asBoolean()).isTrue();
        assertThat(probe.path("delivery").asText()).isEqualTo("IKE_FRAGMENTS");
        assertThat(probe.path("answerFragments").asInt()).isEqualTo(5);
        assertThat(probe.path("answerBytes").asInt()).isEqualTo(6120);
        assertThat(probe.path("eapMethod").asText()).isEqualTo("EAP-AKA (23) AKA-Challenge");
        assertThat(probe.path("ikeProposal").asText()).isEqualTo("aes256gcm16-prfsha256-ecp256");
        assertThat(probe.has("childProposal")).isFalse();
        assertThat(probe.has("eapFailure")).isFalse();
        JsonNode cert = probe.path("certificate");
        assertThat(cert.path("subject").asText()).isEqualTo("CN=" + Attaches.FQDN_01 + ",O=wificall lab");
        assertThat(cert.path("issuer").asText()).isEqualTo("CN=wificall lab intermediate,O=wificall lab");
        assertThat(cert.path("sans").get(0).asText()).isEqualTo("DNS:" + Attaches.FQDN_01);
        assertThat(cert.path("notAfter").asText()).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(cert.path("daysToExpiry").asInt()).isEqualTo(35);
        assertThat(cert.path("trust").asText()).isEqualTo("TRUSTED");
        assertThat(cert.path("nameMatches").asBoolean()).isTrue();
        assertThat(cert.path("chain")).hasSize(2);
        assertThat(cert.path("chain").get(1).path("key").asText()).isEqualTo("RSA 4096");
        assertThat(probe.path("signature").path("valid").asBoolean()).isTrue();
        assertThat(probe.path("transcript")).hasSize(4);

        JsonNode expired = operators.get(1).path("attaches").get(0);
        assertThat(expired.path("passed").asBoolean()).isFalse();
        assertThat(expired.path("certificate").path("daysToExpiry").asInt()).isEqualTo(-3);
        assertThat(expired.path("certificate").path("findings").get(0).path("kind").asText()).isEqualTo("EXPIRED");
        assertThat(expired.path("certificate").path("findings").get(0).path("severity").asText()).isEqualTo("ERROR");

        JsonNode both = operators.get(2).path("attaches");
        assertThat(both).hasSize(2);
        assertThat(both.get(0).path("outcome").asText()).isEqualTo("ATTACHED");
        assertThat(texts(both.get(0).path("innerAddresses"))).containsExactly("10.45.0.2");
        assertThat(texts(both.get(0).path("dnsServers"))).containsExactly("10.46.0.53");
        assertThat(texts(both.get(0).path("pcscfServers"))).containsExactly("10.46.0.10", "10.46.0.11");
        assertThat(both.get(0).path("childProposal").asText()).isEqualTo("aes256gcm16-esn");
        assertThat(both.get(0).path("subscriber").asText()).isEqualTo("026201**********@nai.epc.mnc001.mcc262.3gppnetwork.org");
        assertThat(both.get(1).path("address").asText()).isEqualTo("fd77:9::2");
        assertThat(both.get(1).path("outcome").asText()).isEqualTo("EAP_FAILED");
        assertThat(both.get(1).path("eapFailure").asText()).contains("AUTN did not verify");
        assertThat(texts(both.get(1).path("errorNotifies"))).containsExactly("AUTHENTICATION_FAILED");

        // an operator that never got to IKE_AUTH has no attaches at all, rather than an empty list
        assertThat(operators.get(3).has("attaches")).isFalse();
        for (OperatorVerdict v : verdicts) {
            assertThat(validate(JsonReport.render(List.of(v), AT))).as(v.operator()).isEmpty();
        }
    }

    @Test
    void reportsWithUserPlanesValidateAndCarryEachTunnelsStepsLifetimeAndCounters() throws Exception {
        List<OperatorVerdict> verdicts = List.of(UserPlanes.ready(), UserPlanes.dpi(), UserPlanes.shortMapping(),
                Attaches.attachedReady());
        String json = JsonReport.render(verdicts, AT);

        assertThat(validate(json)).isEmpty();
        for (OperatorVerdict v : verdicts) {
            assertThat(validate(JsonReport.render(List.of(v), AT))).as(v.operator()).isEmpty();
        }
        JsonNode operators = JSON.readTree(json).path("operators");
        JsonNode passed = operators.get(0).path("userPlane");
        assertThat(passed).hasSize(1);
        JsonNode u = passed.get(0);
        assertThat(u.path("fqdn").asText()).isEqualTo(Attaches.FQDN_01);
        assertThat(u.path("address").asText()).isEqualTo("10.77.9.2:4500");
        assertThat(u.path("passed").asBoolean()).isTrue();
        assertThat(u.path("sentence").asText()).isEqualTo(UserPlanes.passed().sentence());
        assertThat(texts(u.path("innerAddresses"))).containsExactly("10.45.0.2");
        assertThat(u.path("espSuite").asText()).isEqualTo("ENCR_AES_GCM_16 256");
        assertThat(u.path("espSent").asInt()).isEqualTo(64);
        assertThat(u.path("espReceived").asInt()).isEqualTo(60);
        assertThat(u.path("keepAlivesSent").asInt()).isEqualTo(3);
        assertThat(u.path("afterAttachMs").asLong()).isEqualTo(242_100);
        assertThat(u.path("largestInner").asInt()).isEqualTo(1400);
        List<String> checks = new ArrayList<>();
        u.path("steps").forEach(s -> checks.add(s.path("check").asText()));
        assertThat(checks).containsExactly("esp-echo", "inner-dns", "sip-udp", "sip-tcp", "mtu", "mapping-lifetime",
                "ike-on-4500");
        JsonNode sip = u.path("steps").get(2);
        assertThat(sip.path("label").asText()).isEqualTo("SIP OPTIONS over UDP");
        assertThat(sip.path("status").asText()).isEqualTo("PASSED");
        assertThat(sip.path("elapsedMs").asInt()).isEqualTo(9);
        assertThat(sip.path("sentence").asText()).endsWith("(" + UserPlanes.SERVER + ")");
        JsonNode lifetime = u.path("lifetime");
        assertThat(lifetime.path("survivedMs").asLong()).isEqualTo(40_000);
        assertThat(lifetime.path("lostMs").asLong()).isEqualTo(45_000);
        assertThat(lifetime.path("probes").asInt()).isEqualTo(6);
        assertThat(lifetime.path("cutShort").asBoolean()).isFalse();
        assertThat(lifetime.has("keepAliveIntervalMs")).isFalse();
        assertThat(lifetime.has("keepAliveHeld")).isFalse();
        assertThat(lifetime.path("sentence").asText()).startsWith("the network keeps the UDP/4500 mapping for between 40 s");
        assertThat(texts(u.path("transcript"))).containsExactlyElementsOf(UserPlanes.passed().transcript());

        // DPI: IKE on 4500 passes, no ESP comes back; nothing measured is left out rather than null
        JsonNode dpi = operators.get(1).path("userPlane").get(0);
        assertThat(dpi.path("passed").asBoolean()).isFalse();
        assertThat(dpi.path("espSent").asInt()).isEqualTo(9);
        assertThat(dpi.path("espReceived").asInt()).isZero();
        assertThat(dpi.path("sentence").asText()).contains("application ipsec-esp-udp beside ike");
        assertThat(dpi.has("lifetime")).isFalse();
        assertThat(dpi.has("largestInner")).isFalse();
        assertThat(dpi.path("steps").get(4).path("check").asText()).isEqualTo("mtu");
        assertThat(dpi.path("steps").get(4).path("status").asText()).isEqualTo("SKIPPED");
        assertThat(dpi.path("steps").get(5).path("status").asText()).isEqualTo("PASSED");
        assertThat(operators.get(1).path("ready").asBoolean()).isFalse();

        // policy all: one tunnel per attach, the IPv6 one with a mapping too short that keep-alives hold
        JsonNode both = operators.get(2).path("userPlane");
        assertThat(both).hasSize(2);
        JsonNode v6 = both.get(1);
        assertThat(v6.path("address").asText()).isEqualTo("[fd77:9::2]:4500");
        assertThat(texts(v6.path("innerAddresses"))).containsExactly("10.45.0.3", "fd45::3");
        assertThat(v6.path("lifetime").path("survivedMs").asLong()).isEqualTo(6_000);
        assertThat(v6.path("lifetime").path("lostMs").asLong()).isEqualTo(7_000);
        assertThat(v6.path("lifetime").path("keepAliveIntervalMs").asLong()).isEqualTo(5_000);
        assertThat(v6.path("lifetime").path("keepAliveHeld").asBoolean()).isTrue();
        assertThat(v6.path("steps").get(1).path("status").asText()).isEqualTo("SKIPPED");
        assertThat(v6.path("steps").get(4).path("status").asText()).isEqualTo("WARNING");
        assertThat(v6.path("steps").get(5).path("status").asText()).isEqualTo("FAILED");

        // an attach without a user plane has no userPlane field at all, rather than an empty list
        assertThat(operators.get(3).has("userPlane")).isFalse();
        assertThat(operators.get(3).has("attaches")).isTrue();
    }

    @Test
    void theSchemaRejectsBrokenUserPlanes() throws Exception {
        String json = JsonReport.render(List.of(UserPlanes.shortMapping()), AT);
        assertThat(validate(json)).isEmpty();

        ObjectNode empty = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) empty.path("operators").get(0)).putArray("userPlane");
        assertThat(validate(empty.toString())).hasSize(1);

        ObjectNode unknownCheck = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) unknownCheck.path("operators").get(0).path("userPlane").get(0).path("steps").get(0))
                .put("check", "ESP_ECHO");
        assertThat(validate(unknownCheck.toString())).extracting(ValidationMessage::getInstanceLocation)
                .extracting(Object::toString).containsExactly("/operators/0/userPlane/0/steps/0/check");

        ObjectNode heldWithoutInterval = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) heldWithoutInterval.path("operators").get(0).path("userPlane").get(1).path("lifetime"))
                .remove("keepAliveIntervalMs");
        assertThat(validate(heldWithoutInterval.toString())).hasSize(1);

        ObjectNode secret = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) secret.path("operators").get(0).path("userPlane").get(0)).put("reflectorKey", "00112233");
        assertThat(validate(secret.toString())).hasSize(1);

        ObjectNode bareAddress = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) bareAddress.path("operators").get(0).path("userPlane").get(0)).put("address", "10.77.9.2");
        assertThat(validate(bareAddress.toString())).hasSize(1);

        ObjectNode negative = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) negative.path("operators").get(0).path("userPlane").get(0)).put("espReceived", -1);
        assertThat(validate(negative.toString())).hasSize(1);
    }

    @Test
    void theSchemaRejectsAnUnmaskedSubscriberAndAnEmptyAttachList() throws Exception {
        String json = JsonReport.render(List.of(Attaches.attachedReady()), AT);
        assertThat(validate(json)).isEmpty();

        ObjectNode unmasked = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) unmasked.path("operators").get(0).path("attaches").get(0))
                .put("subscriber", "0" + Attaches.IMSI + "@nai.epc.mnc001.mcc262.3gppnetwork.org");
        assertThat(validate(unmasked.toString())).extracting(ValidationMessage::getInstanceLocation).extracting(Object::toString)
                .containsExactly("/operators/0/attaches/0/subscriber");

        ObjectNode empty = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) empty.path("operators").get(0)).putArray("attaches");
        assertThat(validate(empty.toString())).hasSize(1);

        ObjectNode halfCertificate = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) halfCertificate.path("operators").get(0).path("attaches").get(0).path("certificate")).remove("issuer");
        assertThat(validate(halfCertificate.toString())).isNotEmpty();

        ObjectNode unknownOutcome = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) unknownOutcome.path("operators").get(0).path("attaches").get(0)).put("outcome", "HALF_ATTACHED");
        assertThat(validate(unknownOutcome.toString())).hasSize(1);
    }

    @Test
    void aDocumentThatBreaksTheSchemaIsRejected() throws Exception {
        String json = JsonReport.render(List.of(probed.blocked()), AT);
        assertThat(validate(json)).isEmpty();

        ObjectNode wrongType = (ObjectNode) JSON.readTree(json);
        wrongType.put("ready", "yes");
        assertThat(validate(wrongType.toString())).extracting(ValidationMessage::getInstanceLocation)
                .extracting(Object::toString).containsExactly("/ready");

        ObjectNode unknownOutcome = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) unknownOutcome.path("operators").get(0).path("probes").get(0)).put("outcome", "MAYBE");
        assertThat(validate(unknownOutcome.toString())).hasSize(1);

        ObjectNode missing = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) missing.path("operators").get(0)).remove("dns");
        assertThat(validate(missing.toString())).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("dns"));

        ObjectNode undocumented = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) undocumented.path("operators").get(0)).put("colour", "red");
        assertThat(validate(undocumented.toString())).hasSize(1);

        ObjectNode halfSource = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) halfSource.path("operators").get(0).path("probes").get(0)).remove("sourcePhonePort");
        assertThat(validate(halfSource.toString())).hasSize(1);

        ObjectNode badTime = (ObjectNode) JSON.readTree(json);
        badTime.put("generated", "yesterday");
        assertThat(validate(badTime.toString())).isNotEmpty();
    }

    @Test
    void everyPropertyIsDescribed() {
        List<String> undescribed = new ArrayList<>();
        undescribed(schemaNode, "$", undescribed);
        assertThat(undescribed).isEmpty();
        assertThat(schemaNode.path("$defs").size()).isGreaterThan(5);
    }

    private static void undescribed(JsonNode node, String path, List<String> out) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                undescribed(node.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("properties") || e.getKey().equals("$defs")) {
                e.getValue().fields().forEachRemaining(p -> {
                    if (!p.getValue().hasNonNull("description")) {
                        out.add(path + "." + e.getKey() + "." + p.getKey());
                    }
                });
            }
            undescribed(e.getValue(), path + "." + e.getKey(), out);
        }
    }

    /** The enums are copied from the Java enums JsonReport writes by name: a new constant must reach the schema. */
    @Test
    void theEnumsAreTheJavaEnums() {
        JsonNode defs = schemaNode.path("$defs");
        JsonNode probe = defs.path("probe").path("properties");
        assertThat(texts(defs.path("dnsStatus").path("enum"))).containsExactlyElementsOf(names(DnsStatus.values()));
        assertThat(texts(probe.path("outcome").path("enum"))).containsExactlyElementsOf(names(PortOutcome.values()));
        assertThat(texts(probe.path("answeredOffer").path("enum"))).containsExactlyElementsOf(names(Offer.values()));
        assertThat(texts(probe.path("response").path("enum"))).containsExactlyElementsOf(names(SaInitResponse.Kind.values()));
        JsonNode attach = defs.path("attach").path("properties");
        assertThat(texts(attach.path("outcome").path("enum"))).containsExactlyElementsOf(names(AttachResult.Outcome.values()));
        assertThat(texts(attach.path("delivery").path("enum"))).containsExactlyElementsOf(names(AttachResult.Delivery.values()));
        assertThat(texts(defs.path("certificate").path("properties").path("trust").path("enum")))
                .containsExactlyElementsOf(names(CertificateReport.ChainStatus.values()));
        JsonNode finding = defs.path("certificateFinding").path("properties");
        assertThat(texts(finding.path("severity").path("enum"))).containsExactlyElementsOf(names(CertificateFinding.Severity.values()));
        assertThat(texts(finding.path("kind").path("enum"))).containsExactlyElementsOf(names(CertificateFinding.Kind.values()));
        JsonNode step = defs.path("userPlaneStep").path("properties");
        assertThat(texts(step.path("status").path("enum"))).containsExactlyElementsOf(names(UserPlaneResult.Status.values()));
        assertThat(texts(step.path("check").path("enum")))
                .containsExactlyElementsOf(Arrays.stream(UserPlaneResult.Check.values()).map(UserPlaneLines::id).toList());
        assertThat(texts(probe.path("port").path("enum")))
                .containsExactlyElementsOf(Arrays.stream(IkePort.values()).map(p -> Integer.toString(p.number())).toList());
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
