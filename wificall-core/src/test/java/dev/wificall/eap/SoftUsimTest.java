package dev.wificall.eap;

import static dev.wificall.eap.MilenageTest.b;
import static dev.wificall.eap.MilenageTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.eap.AkaChallengeResult.MacFailure;
import dev.wificall.eap.AkaChallengeResult.Success;
import dev.wificall.eap.AkaChallengeResult.SynchronisationFailure;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SoftUsimTest {

    // TS 35.208 Test Set 1.
    private static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    private static final String OP = "cdc202d5123e20f62b6d676ac72cb318";
    private static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";
    private static final byte[] RAND = b("23553cbe9637a89d218ae64dae47bf35");
    private static final byte[] AMF = b("b9b9");
    private static final String IMSI = "262011234567890";

    private static UsimCredentials credentials() {
        return UsimCredentials.withOpc(new Imsi(IMSI), b(K), b(OPC));
    }

    private static byte[] autn(String sqn) {
        return credentials().milenage().autn(RAND, b(sqn), AMF);
    }

    @Test
    void answersAGenuineFreshChallengeWithResCkIk() {
        SoftUsim usim = SoftUsim.of(credentials());
        AkaChallengeResult result = usim.authenticate(RAND, autn("ff9bb4d0b607"));
        assertThat(result).isInstanceOf(Success.class);
        Success ok = (Success) result;
        assertThat(hex(ok.res())).isEqualTo("a54211d5e3ba50bf");
        assertThat(hex(ok.ck())).isEqualTo("b40ba9a3c58b2a05bbf0d987b21bf8cb");
        assertThat(hex(ok.ik())).isEqualTo("f769bcd751044604127672711c6d3441");
        assertThat(usim.highestSqn()).isEqualTo(0xff9bb4d0b607L);
        assertThat(usim.imsi()).isEqualTo(new Imsi(IMSI));
    }

    @Test
    void aReplayedOrOlderSqnGivesAutsThatTheNetworkCanVerify() {
        SoftUsim usim = SoftUsim.of(credentials());
        assertThat(usim.authenticate(RAND, autn("000000000020"))).isInstanceOf(Success.class);
        for (String stale : new String[] {"000000000020", "00000000001f", "000000000001"}) {
            AkaChallengeResult result = usim.authenticate(RAND, autn(stale));
            assertThat(result).as(stale).isInstanceOf(SynchronisationFailure.class);
            byte[] auts = ((SynchronisationFailure) result).auts();
            Milenage network = credentials().milenage();
            byte[] sqnMs = Milenage.xor(Arrays.copyOfRange(auts, 0, 6), network.f5Star(RAND));
            assertThat(hex(sqnMs)).isEqualTo("000000000020");
            assertThat(Arrays.copyOfRange(auts, 6, 14)).isEqualTo(network.f1Star(RAND, sqnMs, new byte[2]));
        }
        assertThat(usim.authenticate(RAND, autn("000000000021"))).isInstanceOf(Success.class);
        assertThat(usim.highestSqn()).isEqualTo(0x21);
    }

    @Test
    void autsMatchesTheHostapGoldenValue() {
        // hostap tests/test-milenage.c, milenage_auts test on TS 35.208 Test Set 20: SQNms = 1.
        Imsi imsi = new Imsi(IMSI);
        UsimCredentials set20 = UsimCredentials.withOpc(imsi, b("90dca4eda45b53cf0f12d7c9c3bc6a89"),
                b("cb9cccc4b9258e6dca4760379fb82581"));
        byte[] rand = b("9fddc72092c6ad036b6e464789315b78");
        SoftUsim usim = SoftUsim.builder(set20).highestSqn(1).build();
        AkaChallengeResult result = usim.authenticate(rand, set20.milenage().autn(rand, b("000000000001"), AMF));
        assertThat(result).isEqualTo(new SynchronisationFailure(b("4f2039392ddd4bb4316ed4a14688")));
    }

    @Test
    void aWrongMacIsAMacFailureAndLeavesSqnAlone() {
        SoftUsim usim = SoftUsim.of(credentials());
        byte[] autn = autn("000000000005");
        autn[15] ^= 1;
        assertThat(usim.authenticate(RAND, autn)).isEqualTo(new MacFailure());
        assertThat(usim.highestSqn()).isZero();

        UsimCredentials otherK = UsimCredentials.withOpc(new Imsi(IMSI), new byte[16], b(OPC));
        assertThat(SoftUsim.of(otherK).authenticate(RAND, autn("000000000005"))).isEqualTo(new MacFailure());
    }

    @Test
    void acceptAnyTakesReplaysForTimeBasedLabSqns() {
        SoftUsim usim = SoftUsim.builder(credentials()).sqnCheck(SoftUsim.SqnCheck.ACCEPT_ANY).build();
        assertThat(usim.authenticate(RAND, autn("000000000020"))).isInstanceOf(Success.class);
        assertThat(usim.authenticate(RAND, autn("000000000020"))).isInstanceOf(Success.class);
        assertThat(usim.authenticate(RAND, autn("000000000001"))).isInstanceOf(Success.class);
        assertThat(usim.highestSqn()).isEqualTo(0x20);
    }

    @Test
    void startsFromAConfiguredSqn() {
        SoftUsim usim = SoftUsim.builder(credentials()).highestSqn(0x100).build();
        assertThat(usim.authenticate(RAND, autn("000000000100"))).isInstanceOf(SynchronisationFailure.class);
        assertThat(usim.authenticate(RAND, autn("000000000101"))).isInstanceOf(Success.class);
        assertThatThrownBy(() -> SoftUsim.builder(credentials()).highestSqn(1L << 48))
                .hasMessageContaining("SQN must be 0 to 2^48-1");
    }

    @Test
    void copiesArraysInAndOut() {
        SoftUsim usim = SoftUsim.of(credentials());
        Success ok = (Success) usim.authenticate(RAND, autn("000000000001"));
        ok.res()[0] ^= 1;
        ok.ck()[0] ^= 1;
        assertThat(hex(ok.res())).isEqualTo("a54211d5e3ba50bf");
        assertThat(hex(ok.ck())).isEqualTo("b40ba9a3c58b2a05bbf0d987b21bf8cb");
        byte[] res = b("a54211d5e3ba50bf");
        Success built = new Success(res, new byte[16], new byte[16]);
        res[0] = 0;
        assertThat(hex(built.res())).isEqualTo("a54211d5e3ba50bf");
    }

    @Test
    void rejectsMalformedChallenges() {
        SoftUsim usim = SoftUsim.of(credentials());
        assertThatThrownBy(() -> usim.authenticate(new byte[15], new byte[16]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("RAND must be 16 bytes; got 15");
        assertThatThrownBy(() -> usim.authenticate(new byte[16], null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AUTN is missing");
    }

    @Test
    void neverShowsSecretsInText() {
        SoftUsim usim = SoftUsim.of(credentials());
        Success ok = (Success) usim.authenticate(RAND, autn("000000000001"));
        for (Object o : new Object[] {usim, credentials(), ok, credentials().milenage(),
                new SynchronisationFailure(new byte[14])}) {
            assertThat(o.toString()).doesNotContain(IMSI).doesNotContain("465b").doesNotContain("cd63")
                    .doesNotContain("a54211").doesNotContainIgnoringCase("b40ba9");
        }
        assertThat(usim.toString()).contains("26201**********");
    }

    @Nested
    class Credentials {

        @Test
        void loadFromEnvironmentWithOpc() {
            UsimCredentials c = UsimCredentials.fromEnvironment(Map.of(
                    "WIFICALL_IMSI", IMSI, "WIFICALL_K", K.toUpperCase(), "WIFICALL_OPC", " " + OPC + " "));
            assertThat(c.imsi().digits()).isEqualTo(IMSI);
            assertThat(hex(c.k())).isEqualTo(K);
            assertThat(hex(c.opc())).isEqualTo(OPC);
            assertThat(c).hasToString("UsimCredentials[IMSI 26201**********, K and OPc hidden]");
        }

        @Test
        void loadFromEnvironmentWithOpDerivesOpc() {
            UsimCredentials c = UsimCredentials.fromEnvironment(Map.of(
                    "WIFICALL_IMSI", IMSI, "WIFICALL_K", K, "WIFICALL_OP", OP));
            assertThat(hex(c.opc())).isEqualTo(OPC);
        }

        @Test
        void parseAcceptsSeparatorsAndPrefix() {
            String colons = "0x" + String.join(":", K.split("(?<=\\G..)"));
            UsimCredentials c = UsimCredentials.parse(IMSI, colons, OPC, null);
            assertThat(hex(c.k())).isEqualTo(K);
        }

        @Test
        void errorsNameTheSettingAndLengthNeverTheValue() {
            String shortK = K.substring(0, 30);
            assertThatThrownBy(() -> UsimCredentials.fromEnvironment(Map.of(
                    "WIFICALL_IMSI", IMSI, "WIFICALL_K", shortK, "WIFICALL_OPC", OPC)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("WIFICALL_K must be 32 hex digits (16 bytes); got 30 characters");
            String badOpc = "zz" + OPC.substring(2);
            assertThatThrownBy(() -> UsimCredentials.parse(IMSI, K, badOpc, null))
                    .hasMessage("OPc must be 32 hex digits (16 bytes); got 32 characters, not all hex digits");
            assertThatThrownBy(() -> UsimCredentials.parse("26201123456789x", K, OPC, null))
                    .hasMessage("IMSI: IMSI must be 6 to 15 digits (MCC, MNC, MSIN); got 15 characters,"
                            + " not all digits");
            assertThatThrownBy(() -> UsimCredentials.parse(IMSI, K, OPC, OP))
                    .hasMessageStartingWith("both OPc and OP are set").hasMessageNotContaining(OP);
            assertThatThrownBy(() -> UsimCredentials.fromEnvironment(Map.of("WIFICALL_IMSI", IMSI, "WIFICALL_K", K)))
                    .hasMessageStartingWith("neither WIFICALL_OPC nor WIFICALL_OP is set");
            assertThatThrownBy(() -> UsimCredentials.fromEnvironment(Map.of()))
                    .hasMessageStartingWith("WIFICALL_IMSI is not set");
            assertThatThrownBy(() -> UsimCredentials.parse(IMSI, null, OPC, null))
                    .hasMessage("K is not set; K must be 32 hex digits (16 bytes)");
        }

        @Test
        void copiesKeys() {
            byte[] k = b(K);
            UsimCredentials c = UsimCredentials.withOpc(new Imsi(IMSI), k, b(OPC));
            k[0] = 0;
            c.k()[1] = 0;
            assertThat(hex(c.k())).isEqualTo(K);
            assertThat(hex(UsimCredentials.withOp(new Imsi(IMSI), b(K), b(OP)).opc())).isEqualTo(OPC);
        }
    }
}
