package dev.wificall.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Status-word handling under every command: 61xx, 6Cxx, answers too short, a card that never ends. */
class CardExchangeTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final Command READ = new Command("READ BINARY of EF_X", 0xb0, 0, 0, new byte[0], 0x10);

    @Test
    void gathersDataOverChainedGetResponses() {
        ScriptedLink link = new ScriptedLink()
                .then("00B0000010", "6104")
                .then("00C0000004", "01020304 6102")
                .then("00C0000002", "0506 9000");
        Response r = new CardExchange(link, "R").send(READ);
        assertThat(HEX.formatHex(r.data())).isEqualTo("010203040506");
        assertThat(r.sw()).isEqualTo(0x9000);
        assertThat(link.left()).isZero();
    }

    @Test
    void resendsWithTheLeTheCardNames() {
        ScriptedLink link = new ScriptedLink()
                .then("00B0000010", "6C03")
                .then("00B0000003", "AABBCC 9000");
        Response r = new CardExchange(link, "R").send(READ);
        assertThat(HEX.formatHex(r.data())).isEqualTo("AABBCC");
        // a command without Le gets one appended
        ScriptedLink select = new ScriptedLink()
                .then("00A40004022F00", "6C05")
                .then("00A40004022F0005", "6203820100 9000");
        Command noLe = new Command("SELECT EF_DIR", 0xa4, 0, 4, new byte[] {0x2f, 0x00}, Command.NO_LE);
        assertThat(HEX.formatHex(new CardExchange(select, "R").send(noLe).data())).isEqualTo("6203820100");
        // and a GET RESPONSE asking for the wrong length is asked again
        ScriptedLink again = new ScriptedLink()
                .then("00B0000010", "6102")
                .then("00C0000002", "6C01")
                .then("00C0000001", "AA 9000");
        assertThat(HEX.formatHex(new CardExchange(again, "R").send(READ).data())).isEqualTo("AA");
    }

    @Test
    void passesOtherStatusWordsThroughAndTakes91xxAsDone() {
        Response notFound = new CardExchange(new ScriptedLink().then("00B0000010", "6A82"), "R").send(READ);
        assertThat(notFound.sw()).isEqualTo(0x6a82);
        assertThat(notFound.ok()).isFalse();
        assertThat(notFound.toString()).isEqualTo("Response[0 data bytes, SW 6A82 (file or application not found)]");
        Response proactive = new CardExchange(new ScriptedLink().then("00B0000010", "AB 9120"), "R").send(READ);
        assertThat(proactive.ok()).isTrue();
    }

    @Test
    void anAnswerWithoutStatusWordIsACardError() {
        SimException e = catchThrowableOfType(() -> new CardExchange(new ScriptedLink().then("00B0000010", "90"), "R")
                .send(READ), SimException.class);
        assertThat(e.reason()).isEqualTo(SimException.Reason.CARD_ERROR);
        assertThat(e).hasMessage("the card in reader 'R' answered READ BINARY of EF_X with 1 byte; a card answers at least "
                + "the two status bytes SW1 SW2: the card or the reader is faulty");
        SimException none = catchThrowableOfType(() -> new CardExchange(c -> null, "R").send(READ), SimException.class);
        assertThat(none).hasMessageContaining("answered READ BINARY of EF_X with nothing;");
    }

    @Test
    void aCardThatAlwaysHasMoreIsStopped() {
        ScriptedLink link = new ScriptedLink().then("00B0000010", "6101");
        for (int i = 0; i < 7; i++) {
            link.then("00C0000001", "00 6101");
        }
        SimException e = catchThrowableOfType(() -> new CardExchange(link, "R").send(READ), SimException.class);
        assertThat(e.reason()).isEqualTo(SimException.Reason.CARD_ERROR);
        assertThat(e).hasMessage("the card in reader 'R' kept answering READ BINARY of EF_X with 'more data' (61xx/6Cxx) "
                + "for 8 rounds; the card or the reader is faulty: take the card out, put it back and run again");
        assertThat(link.left()).isZero();
    }

    @Test
    void theEncodedCommandIsWipedAfterSending() {
        byte[][] seen = new byte[1][];
        ApduLink keeper = c -> {
            seen[0] = c;
            return HEX.parseHex("9000");
        };
        Command verify = new Command("VERIFY PIN1", 0x20, 0, 1, new byte[] {'2', '5', '8', '0', -1, -1, -1, -1}, Command.NO_LE);
        new CardExchange(keeper, "R").send(verify);
        assertThat(seen[0]).hasSize(13).containsOnly(0);
        assertThat(verify.toString()).isEqualTo("VERIFY PIN1 (INS 20, 8 data bytes)").doesNotContain("2580");
    }

    @Test
    void longBerLengthsAreRead() {
        byte[] data = new byte[3 + 0x90];
        data[0] = 0x62;
        data[1] = (byte) 0x81;
        data[2] = (byte) 0x90;
        ResponseReader body = new ResponseReader(data, "R", "SELECT X").expect(0x62, "the FCP template");
        assertThat(body.remaining()).isEqualTo(0x90);
        byte[] two = HexFormat.of().parseHex("628200100102");
        SimException e = catchThrowableOfType(() -> new ResponseReader(two, "R", "SELECT X").expect(0x62, "the FCP template"),
                SimException.class);
        assertThat(e).hasMessageContaining("truncated the FCP template at offset 0: length 20 but 6 bytes remain");
    }
}
