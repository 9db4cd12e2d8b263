package dev.wificall.attach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.eap.AkaChallengeResult;
import dev.wificall.eap.AkaKeys;
import dev.wificall.eap.CredentialSource;
import dev.wificall.eap.EapAkaAttribute;
import dev.wificall.eap.EapAkaMac;
import dev.wificall.eap.EapAkaMessage;
import dev.wificall.eap.EapPacket;
import dev.wificall.eap.Imsi;
import dev.wificall.eap.Milenage;
import dev.wificall.eap.SoftUsim;
import dev.wificall.eap.UsimCredentials;
import dev.wificall.sim.SimException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The phone's EAP-AKA side against a server built here from Milenage (TS 35.208 test set 1 keys). */
class EapAkaPeerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] K = HEX.parseHex("465b5ce8b199b49faa5f0a2ee238a6bc");
    private static final byte[] OPC = HEX.parseHex("cd63cb71954a9f4e48a5994e37a02baf");
    private static final Imsi IMSI = Imsi.parse("262011234567890");
    private static final String NAI = "0262011234567890@nai.epc.mnc001.mcc262.3gppnetwork.org";
    private static final String MASKED = "026201*********@nai.epc.mnc001.mcc262.3gppnetwork.org";
    private static final byte[] RAND = HEX.parseHex("23553cbe9637a89d218ae64dae47bf35");
    private static final byte[] AMF = HEX.parseHex("8000");

    private static EapAkaPeer peer(byte[] k, long highestSqn) {
        SoftUsim usim = SoftUsim.builder(UsimCredentials.withOpc(IMSI, k, OPC)).highestSqn(highestSqn).build();
        return new EapAkaPeer(usim, NAI, MASKED);
    }

    /** What the ePDG's AAA sends: AT_RAND, AT_AUTN and AT_MAC under K_aut, for SQN {@code sqn}. */
    private static byte[] challenge(int identifier, long sqn) throws Exception {
        Milenage network = Milenage.withOpc(K, OPC);
        byte[] sqnBytes = HEX.parseHex(String.format("%012x", sqn));
        byte[] autn = network.autn(RAND, sqnBytes, AMF);
        EapAkaMessage request = new EapAkaMessage(EapPacket.Code.REQUEST, identifier, EapAkaMessage.Subtype.CHALLENGE,
                List.of(new EapAkaAttribute.Rand(RAND), new EapAkaAttribute.Autn(autn), EapAkaAttribute.Mac.zero()));
        return EapAkaMac.sign(request.encode(), networkKeys().kAut());
    }

    private static AkaKeys networkKeys() {
        Milenage network = Milenage.withOpc(K, OPC);
        return AkaKeys.derive(NAI, network.f4(RAND), network.f3(RAND));
    }

    @Test
    void answersTheChallengeWithResAndMacThenTakesSuccess() throws Exception {
        EapAkaPeer peer = peer(K, 0);
        EapAkaPeer.Step step = peer.receive(challenge(7, 0x20));
        assertThat(step.state()).isEqualTo(EapAkaPeer.State.CONTINUE);
        assertThat(step.event()).isEqualTo("AKA-Challenge: AUTN and AT_MAC verified; answered with AT_RES (64 bits) and AT_MAC");
        byte[] response = step.response().orElseThrow();
        EapAkaMessage answer = EapAkaMessage.decode(response);
        assertThat(answer.code()).isEqualTo(EapPacket.Code.RESPONSE);
        assertThat(answer.identifier()).isEqualTo(7);
        assertThat(answer.subtype()).isEqualTo(EapAkaMessage.Subtype.CHALLENGE);
        assertThat(answer.attribute(EapAkaAttribute.Res.class).orElseThrow().value())
                .endsWith(Milenage.withOpc(K, OPC).f2(RAND));
        assertThat(EapAkaMac.verifyMac(response, networkKeys().kAut())).isTrue();
        assertThat(peer.msk()).isPresent();
        EapAkaPeer.Step success = peer.receive(EapPacket.of(EapPacket.Code.SUCCESS, 7).encode());
        assertThat(success.state()).isEqualTo(EapAkaPeer.State.SUCCEEDED);
        assertThat(peer.msk().orElseThrow()).isEqualTo(networkKeys().msk());
    }

    @Test
    void wrongKRejectsTheNetworksAutn() throws Exception {
        byte[] otherK = K.clone();
        otherK[0] ^= 1;
        EapAkaPeer peer = peer(otherK, 0);
        EapAkaPeer.Step step = peer.receive(challenge(3, 0x20));
        assertThat(EapAkaMessage.decode(step.response().orElseThrow()).subtype())
                .isEqualTo(EapAkaMessage.Subtype.AUTHENTICATION_REJECT);
        assertThat(peer.rejection().orElseThrow()).contains("AUTN did not verify").contains(MASKED)
                .contains("K/OPc are wrong");
        EapAkaPeer.Step failure = peer.receive(EapPacket.of(EapPacket.Code.FAILURE, 3).encode());
        assertThat(failure.state()).isEqualTo(EapAkaPeer.State.FAILED);
        assertThat(peer.msk()).isEmpty();
    }

    @Test
    void staleSequenceNumberGivesSynchronisationFailure() throws Exception {
        EapAkaPeer peer = peer(K, 0x1000);
        EapAkaPeer.Step step = peer.receive(challenge(4, 0x20));
        EapAkaMessage answer = EapAkaMessage.decode(step.response().orElseThrow());
        assertThat(answer.subtype()).isEqualTo(EapAkaMessage.Subtype.SYNCHRONIZATION_FAILURE);
        assertThat(answer.attribute(EapAkaAttribute.Auts.class)).isPresent();
        assertThat(step.event()).contains("AKA-Synchronization-Failure");
        assertThat(step.state()).isEqualTo(EapAkaPeer.State.CONTINUE);
    }

    @Test
    void tamperedMacIsRefused() throws Exception {
        byte[] request = challenge(5, 0x20);
        request[request.length - 1] ^= 1;
        EapAkaPeer peer = peer(K, 0);
        EapAkaPeer.Step step = peer.receive(request);
        assertThat(EapAkaMessage.decode(step.response().orElseThrow()).subtype()).isEqualTo(EapAkaMessage.Subtype.CLIENT_ERROR);
        assertThat(peer.rejection().orElseThrow()).contains("AT_MAC does not verify");
        assertThat(peer.msk()).isEmpty();
    }

    @Test
    void successWithoutChallengeIsRefused() throws Exception {
        EapAkaPeer.Step step = peer(K, 0).receive(EapPacket.of(EapPacket.Code.SUCCESS, 1).encode());
        assertThat(step.state()).isEqualTo(EapAkaPeer.State.FAILED);
        assertThat(step.event()).contains("skipped authentication");
    }

    @Test
    void identityRequestsAreAnsweredWithTheNaiAndEventsMaskIt() throws Exception {
        EapAkaPeer peer = peer(K, 0);
        EapAkaPeer.Step plain = peer.receive(new EapPacket(EapPacket.Code.REQUEST, 1, EapPacket.TYPE_IDENTITY, new byte[0]).encode());
        assertThat(new String(EapPacket.decode(plain.response().orElseThrow()).typeData(), StandardCharsets.US_ASCII)).isEqualTo(NAI);
        assertThat(plain.event()).contains(MASKED).doesNotContain("1234567890");
        byte[] akaIdentity = new EapAkaMessage(EapPacket.Code.REQUEST, 2, EapAkaMessage.Subtype.IDENTITY,
                List.of(new EapAkaAttribute.IdRequest(EapAkaAttribute.AT_PERMANENT_ID_REQ))).encode();
        EapAkaPeer.Step aka = peer.receive(akaIdentity);
        assertThat(EapAkaMessage.decode(aka.response().orElseThrow()).subtype()).isEqualTo(EapAkaMessage.Subtype.IDENTITY);
        assertThat(aka.event()).contains(MASKED).doesNotContain("1234567890");
    }

    @Test
    void otherMethodsGetANakForAka() throws Exception {
        EapAkaPeer.Step step = peer(K, 0).receive(new EapPacket(EapPacket.Code.REQUEST, 9, 13, new byte[] {0x20}).encode());
        EapPacket nak = EapPacket.decode(step.response().orElseThrow());
        assertThat(nak.type()).isEqualTo(EapPacket.TYPE_NAK);
        assertThat(nak.typeData()).containsExactly(EapPacket.TYPE_AKA);
        assertThat(step.event()).isEqualTo("EAP-Request of EAP-TLS (13) answered with a Nak asking for EAP-AKA (23)");
    }

    /** A card as EapAkaPeer sees it: a description and whatever {@code answer} gives or throws. */
    private static CredentialSource card(Supplier<AkaChallengeResult> answer) {
        return new CredentialSource() {
            @Override
            public Imsi imsi() {
                return IMSI;
            }

            @Override
            public AkaChallengeResult authenticate(byte[] rand, byte[] autn) {
                return answer.get();
            }

            @Override
            public String description() {
                return "SIM in reader 'Test Reader 00 00'";
            }
        };
    }

    @Test
    void aSimThatRejectsTheAutnIsNotToldItsKeysAreWrong() throws Exception {
        EapAkaPeer peer = new EapAkaPeer(card(AkaChallengeResult.MacFailure::new), NAI, MASKED);
        EapAkaPeer.Step step = peer.receive(challenge(3, 0x20));
        assertThat(EapAkaMessage.decode(step.response().orElseThrow()).subtype())
                .isEqualTo(EapAkaMessage.Subtype.AUTHENTICATION_REJECT);
        assertThat(peer.rejection()).contains("the SIM in reader 'Test Reader 00 00' rejected the network's AUTN (MAC-A): "
                + "the ePDG's authentication centre does not hold this SIM's keys");
        assertThat(peer.simError()).isEmpty();
        assertThat(SoftUsim.of(UsimCredentials.withOpc(IMSI, K, OPC)).description()).isEqualTo("software USIM");
    }

    @Test
    void aSimThatCannotAnswerEndsEapWithItsReason() throws Exception {
        String removed = "the SIM was removed from reader 'Test Reader 00 00' during AUTHENTICATE: put it back and run again";
        EapAkaPeer peer = new EapAkaPeer(card(() -> {
            throw new SimException(SimException.Reason.CARD_REMOVED, "Test Reader 00 00", removed);
        }), NAI, MASKED);
        EapAkaPeer.Step step = peer.receive(challenge(6, 0x20));
        assertThat(step.state()).isEqualTo(EapAkaPeer.State.FAILED);
        assertThat(step.response()).isEmpty();
        assertThat(step.event()).isEqualTo("AKA-Challenge: the SIM in reader 'Test Reader 00 00' could not answer: " + removed);
        assertThat(peer.simError()).contains(removed);
        assertThat(peer.msk()).isEmpty();
    }
}
