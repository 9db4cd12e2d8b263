package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.attach.AttachOptions;
import dev.wificall.attach.AttachProbe;
import dev.wificall.attach.AttachResult;
import dev.wificall.attach.AttachResult.Outcome;
import dev.wificall.attach.AttachSettings;
import dev.wificall.discovery.Plmn;
import dev.wificall.eap.AkaChallengeResult;
import dev.wificall.eap.CredentialSource;
import dev.wificall.eap.Imsi;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full attach with a SIM in a card reader: javax.smartcardio, libpcsclite, the SIM lab's pcscd
 * and vpcd, the virtual USIM (sim.sh), against strongSwan's subscriber in the attach lab. Every test
 * puts in a new card first, so none depends on another's PIN tries or SQN.
 */
@ExtendWith({AttachLab.class, SimLab.class})
class SimAttachIT {
    private static final String FQDN = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";
    private static final String SIM = "SIM in reader '" + SimLab.READER + "'";

    @TempDir
    Path dir;

    /** Settings as every front end builds them: ikeAuth=attach, the reader by a unique part of its name, the PIN from a file. */
    private AttachSettings settings(String pinFileName, String pin) throws IOException {
        Path file = dir.resolve(pinFileName);
        Files.writeString(file, pin + "\n");
        return new AttachOptions("attach", AttachLab.TRUST.toString(), null, null, "10s", null, null, null, null)
                .withSim("vpcd 00 00", file.toString())
                .toSettings(dir, Map.of()).orElseThrow();
    }

    private static AttachResult attach(AttachSettings settings) throws Exception {
        return new AttachProbe(settings).attach(FQDN, new Plmn("262", "01"), InetAddress.getByName(AttachLab.GOOD));
    }

    private static String shown(AttachResult r, SimLab.Handle sim) {
        return r.sentence() + "\n" + String.join("\n", r.transcript()) + "\n" + sim.logs();
    }

    private static void assertNoSecret(AttachResult r) {
        String all = r.sentence() + String.join("\n", r.transcript());
        assertThat(all).doesNotContain(AttachLab.IMSI).doesNotContain("1234567890").doesNotContain(SimLab.PIN)
                .doesNotContainIgnoringCase(AttachLab.K).doesNotContainIgnoringCase(AttachLab.OPC);
    }

    @Test
    void theFullAttachRunsOnTheSimInTheReader(SimLab.Handle sim) throws Exception {
        sim.card();
        AttachSettings settings = settings("right.pin", SimLab.PIN);
        assertThat(settings.credentials().orElseThrow().description()).isEqualTo("SIM in reader 'vpcd 00 00'");

        AttachResult r = attach(settings);

        assertThat(r.outcome()).as(shown(r, sim)).isEqualTo(Outcome.ATTACHED);
        assertThat(r.passed()).as(shown(r, sim)).isTrue();
        assertThat(r.sentence()).startsWith("attached to the ePDG " + FQDN + " at 10.77.9.2:4500 as 026201")
                .contains("with EAP-AKA (" + SIM + "): inner address 10.45.0.").contains("P-CSCF 10.46.0.10");
        assertThat(r.transcript()).anyMatch(l -> l.contains("AKA-Challenge: AUTN and AT_MAC verified"))
                .anyMatch(l -> l.contains("AUTH of the ePDG verified with the EAP MSK"));
        // the card answered over PC/SC: VpcdCard logs each APDU's INS and status word, never data
        assertThat(sim.logs()).contains("AUTHENTICATE").contains("VERIFY");
        assertNoSecret(r);
    }

    @Test
    void aWrongPinIsASimErrorSentOnceAndTheRightOneThenAttaches(SimLab.Handle sim) throws Exception {
        sim.card();
        AttachSettings wrong = settings("wrong.pin", "4321");

        AttachResult r = attach(wrong);

        assertThat(r.outcome()).as(shown(r, sim)).isEqualTo(Outcome.SIM_ERROR);
        assertThat(r.passed()).isFalse();
        assertThat(r.sentence()).isEqualTo("the attach at 10.77.9.2:500 (" + FQDN + ") did not start because the SIM could not"
                + " be read: wrong PIN for the SIM in reader '" + SimLab.READER + "': 2 tries left; after 2 more wrong PINs the"
                + " card blocks PIN1 and needs its PUK in a phone; check WIFICALL_SIM_PIN or wificall.sim.pinFile");
        assertThat(r.transcript()).as("nothing was sent to the ePDG").noneMatch(l -> l.contains("IKE_SA_INIT"));

        // a second check with the same PIN file in this JVM does not spend another try
        AttachResult again = attach(settings("wrong.pin", "4321"));
        assertThat(again.outcome()).isEqualTo(Outcome.SIM_ERROR);
        assertThat(again.sentence()).contains("2 tries left").contains("(not sent again in this run: each wrong PIN costs one"
                + " of the card's tries)");

        AttachResult right = attach(settings("right.pin", SimLab.PIN));
        assertThat(right.outcome()).as(shown(right, sim)).isEqualTo(Outcome.ATTACHED);
        assertNoSecret(r);
        assertNoSecret(again);
    }

    @Test
    void aBlockedPinGetsNoPinAndSaysToUnblockItWithThePuk(SimLab.Handle sim) throws Exception {
        sim.card("--tries", "1");
        AttachResult last = attach(settings("last-try.pin", "9999"));
        assertThat(last.outcome()).as(shown(last, sim)).isEqualTo(Outcome.SIM_ERROR);
        assertThat(last.sentence()).contains("wrong PIN for the SIM in reader '" + SimLab.READER + "': that was the last try,"
                + " PIN1 is now blocked: unblock it with the PUK in a phone");

        AttachResult blocked = attach(settings("right.pin", SimLab.PIN));

        assertThat(blocked.outcome()).as(shown(blocked, sim)).isEqualTo(Outcome.SIM_ERROR);
        assertThat(blocked.sentence()).isEqualTo("the attach at 10.77.9.2:500 (" + FQDN + ") did not start because the SIM"
                + " could not be read: PIN1 of the SIM in reader '" + SimLab.READER + "' is blocked: unblock it with the PUK in"
                + " a phone; wificall sends no PIN to a blocked card");
        assertNoSecret(blocked);
    }

    @Test
    void anEmptyReaderSaysToInsertTheSim(SimLab.Handle sim) throws Exception {
        sim.card();
        sim.remove();

        AttachResult r = attach(settings("right.pin", SimLab.PIN));

        assertThat(r.outcome()).as(shown(r, sim)).isEqualTo(Outcome.SIM_ERROR);
        assertThat(r.sentence()).isEqualTo("the attach at 10.77.9.2:500 (" + FQDN + ") did not start because the SIM could not"
                + " be read: reader '" + SimLab.READER + "' has no card in it: insert the SIM (a nano SIM in a full-size"
                + " adapter) and run again");
    }

    @Test
    void aCardPulledOutMidAttachStopsItWithTheReason(SimLab.Handle sim) throws Exception {
        sim.card();
        CredentialSource card = settings("right.pin", SimLab.PIN).credentials().orElseThrow();
        // the IMSI is read, then the card leaves the reader before the first challenge
        CredentialSource pulled = new CredentialSource() {
            @Override
            public Imsi imsi() {
                return card.imsi();
            }

            @Override
            public AkaChallengeResult authenticate(byte[] rand, byte[] autn) {
                sim.remove();
                return card.authenticate(rand, autn);
            }

            @Override
            public String description() {
                return card.description();
            }
        };
        AttachResult r = attach(settings("right.pin", SimLab.PIN).withCredentials(pulled));

        assertThat(r.outcome()).as(shown(r, sim)).isEqualTo(Outcome.SIM_ERROR);
        assertThat(r.sentence()).startsWith("the attach of 026201").contains(" at 10.77.9.2:4500 (" + FQDN + ") stopped because"
                + " the SIM could not answer: reader '" + SimLab.READER + "' has no card in it: insert the SIM");
        assertThat(r.transcript()).anyMatch(l -> l.contains("AKA-Challenge: the " + SIM + " could not answer"));
    }

    @Test
    void aChallengeTheCardFindsStaleIsAnsweredWithAutsAndTheResynchronisedOneAccepted(SimLab.Handle sim) throws Exception {
        // a card that has seen SQN 2^47 rejects strongSwan's SQN; charon takes SQN_MS from AUTS. Not 2^46: charon keeps
        // its SQN for the run, and AttachIT's resynchronisation may already have moved it past 2^46
        sim.card("--highest-sqn", Long.toString(1L << 47));

        AttachResult r = attach(settings("right.pin", SimLab.PIN));

        assertThat(r.outcome()).as(shown(r, sim)).isEqualTo(Outcome.ATTACHED);
        assertThat(r.transcript()).anyMatch(l -> l.contains("answered with AKA-Synchronization-Failure and AT_AUTS"))
                .anyMatch(l -> l.contains("AKA-Challenge: AUTN and AT_MAC verified"));
        assertThat(r.sentence()).contains("with EAP-AKA (" + SIM + ")");
        assertNoSecret(r);
    }
}
