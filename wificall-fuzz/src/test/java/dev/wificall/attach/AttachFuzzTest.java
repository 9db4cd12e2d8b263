package dev.wificall.attach;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wificall.eap.EapAkaMessage;
import dev.wificall.eap.EapPacket;
import dev.wificall.eap.Imsi;
import dev.wificall.eap.MalformedEapException;
import dev.wificall.eap.SoftUsim;
import dev.wificall.eap.UsimCredentials;
import dev.wificall.ike.EncryptionAlgorithm;
import dev.wificall.ike.FragmentAssembly;
import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.IkePayload;
import dev.wificall.ike.IntegrityAlgorithm;
import dev.wificall.ike.MalformedIkeException;
import dev.wificall.ike.Prf;
import dev.wificall.ike.SkPayload;
import dev.wificall.ike.SkPayloadIntegrityException;
import dev.wificall.ike.SkPayloadSuite;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What the ePDG sends in IKE_AUTH, over arbitrary input: EAP packets, the phone's EAP-AKA state machine,
 * IKE fragments, certificate chains and AUTH signatures. The declared exceptions are the only way to
 * refuse; certificate and signature checks refuse by verdict, never by exception.
 */
class AttachFuzzTest {
    private static final String FQDN = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";
    /** A self-signed P-256 certificate for {@link #FQDN}, valid until 2125. */
    private static final byte[] CERT = Base64.getDecoder().decode("MIIB+TCCAaCgAwIBAgIUCV4ZC8A+gHcDlYtCZ2LjeJZJ6f8wCgYIKoZIzj0EAwIwNTEzMDEGA1UEAwwqZXBkZy5lcGMubW5jMDAxLm1jYzI2Mi5wdWIuM2dwcG5ldHdvcmsub3JnMCAXDTI2MTEyODA0MjczMFoYDzIxMjYxMTA0MDQyNzMwWjA1MTMwMQYDVQQDDCplcGRnLmVwYy5tbmMwMDEubWNjMjYyLnB1Yi4zZ3BwbmV0d29yay5vcmcwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQR67r/CKqDGZLQ88y9BLoIX/gV82wrFtnfHlr2KSPjEZTv0zoIPnNDcPcV0Pz54mD+1wZMySxLC0pSCeWhDT6Jo4GLMIGIMB0GA1UdDgQWBBQHyttvxL7CNTTSgNY3iZ4Ef+s3pTAfBgNVHSMEGDAWgBQHyttvxL7CNTTSgNY3iZ4Ef+s3pTAPBgNVHRMBAf8EBTADAQH/MDUGA1UdEQQuMCyCKmVwZGcuZXBjLm1uYzAwMS5tY2MyNjIucHViLjNncHBuZXR3b3JrLm9yZzAKBggqhkjOPQQDAgNHADBEAiA7FfljSv8bPFMXQYKxDRSD98oGvL/aomosLdGPdGQ3pQIgUkw7vx37cylAIBWDQsmKPiagSnpVAcBUyO5sr52ojJk=");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);

    @FuzzTest
    void eapPacket(byte[] packet) {
        EapPacket p;
        try {
            p = EapPacket.decode(packet);
        } catch (MalformedEapException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(p.encode()).hasSize(p.length());
    }

    @FuzzTest
    void eapAkaMessage(byte[] packet) {
        try {
            EapAkaMessage m = EapAkaMessage.decode(packet);
            assertThat(m.attributes()).isNotNull();
            m.attributes().forEach(a -> assertThat(a.toString()).isNotNull());
        } catch (MalformedEapException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /** The phone's side of EAP-AKA on whatever the server sends: an answer or MalformedEapException, never a crash. */
    @FuzzTest
    void eapPeer(FuzzedDataProvider data) {
        UsimCredentials credentials = UsimCredentials.withOpc(Imsi.parse("262011234567890"), new byte[16], new byte[16]);
        EapAkaPeer peer = new EapAkaPeer(SoftUsim.of(credentials), "0262011234567890@nai.epc.mnc001.mcc262.3gppnetwork.org",
                "026201**********@nai.epc.mnc001.mcc262.3gppnetwork.org");
        for (int i = 0; i < 4 && data.remainingBytes() > 0; i++) {
            try {
                EapAkaPeer.Step step = peer.receive(data.consumeBytes(data.consumeInt(0, 300)));
                assertThat(step.event()).isNotBlank().doesNotContain("1234567890");
                step.response().ifPresent(r -> {
                    try {
                        EapPacket.decode(r);
                    } catch (MalformedEapException e) {
                        throw new AssertionError("the peer's own answer does not decode: " + e.getMessage(), e);
                    }
                });
            } catch (MalformedEapException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }

    /**
     * Fragments of a real sealed IKE_AUTH answer, mixed with fuzzed and altered datagrams, in any order:
     * {@link FragmentAssembly} either assembles the original or refuses with the declared exceptions.
     */
    @FuzzTest
    void fragments(FuzzedDataProvider data) {
        SkPayloadSuite suite = data.consumeBoolean()
                ? new SkPayloadSuite(EncryptionAlgorithm.AES_GCM_16, 128, null, Prf.HMAC_SHA2_256)
                : new SkPayloadSuite(EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.HMAC_SHA2_256_128, Prf.HMAC_SHA2_256);
        byte[] ke = new byte[suite.encryptionKeyLength()];
        byte[] ka = new byte[suite.integrityKeyLength()];
        SkPayload sk = new SkPayload(suite, ke, ka);
        IkeMessage answer = new IkeMessage(1, 2, IkeMessage.VERSION_2_0, 35, IkeMessage.FLAG_RESPONSE, 1, List.of(
                IkePayload.Identification.fqdn(false, "ims"), new IkePayload.Certificate(4, CERT), new IkePayload.Eap(new byte[] {1, 1, 0, 4})));
        List<byte[]> sealed = sk.sealFragments(answer, data.consumeInt(576, 1500), new SecureRandom(new byte[] {1}));
        FragmentAssembly assembly = new FragmentAssembly(new SkPayload(suite, ke, ka));
        List<byte[]> inputs = new ArrayList<>();
        while (data.remainingBytes() > 0 && inputs.size() < 12) {
            int kind = data.consumeInt(0, 2);
            if (kind == 0) {
                inputs.add(data.consumeBytes(data.consumeInt(0, 1600)));
            } else {
                byte[] f = sealed.get(data.consumeInt(0, sealed.size() - 1)).clone();
                if (kind == 2 && f.length > 0) {
                    f[data.consumeInt(0, f.length - 1)] ^= (byte) data.consumeInt(1, 255);
                }
                inputs.add(f);
            }
        }
        for (byte[] in : inputs) {
            try {
                Optional<IkeMessage> m = assembly.add(in);
                m.ifPresent(message -> assertThat(message.describe()).isNotBlank());
            } catch (MalformedIkeException | SkPayloadIntegrityException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }

    /** Any certificate bytes in any order: a report with a sentence, never an exception. */
    @FuzzTest
    void certificateCheck(FuzzedDataProvider data) {
        List<byte[]> certs = new ArrayList<>();
        int n = data.consumeInt(0, 4);
        for (int i = 0; i < n; i++) {
            certs.add(data.consumeBoolean() ? CERT : data.consumeBytes(data.consumeInt(0, 2000)));
        }
        TrustAnchors anchors = data.consumeBoolean() ? TrustAnchors.none() : TrustAnchors.of("fuzz", List.of(certificate()));
        CertificateReport r = new CertificateCheck(anchors, data.consumeInt(0, 3650), CLOCK)
                .check(FQDN, data.consumeInt(0, 12), data.consumeBytes(64), certs);
        assertThat(r.sentence()).isNotBlank();
        r.findings().forEach(f -> assertThat(f.sentence()).isNotBlank());
    }

    /** Any AUTH method and data: a verdict, never an exception. */
    @FuzzTest
    void responderSignature(FuzzedDataProvider data) {
        ResponderSignature.SignatureVerdict v = ResponderSignature.verify(certificate(), data.consumeInt(0, 255),
                data.consumeBytes(data.consumeInt(0, 600)), data.consumeRemainingAsBytes());
        assertThat(v.sentence()).isNotNull();
        assertThat(v.valid()).isFalse();
    }

    private static X509Certificate certificate() {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(CERT));
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
