package dev.wificall.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.IkePayload;
import dev.wificall.ike.MalformedIkeException;
import java.nio.ByteBuffer;

/**
 * Each payload decoder on its own: the input is a payload body, which the target wraps in a sound IKE
 * header and generic payload header of that type, so that every input reaches the payload's parser with
 * its reader fenced to the body. Seeds: the bodies of the payloads in the lab's captures and our requests.
 */
class IkePayloadFuzzTest {

    @FuzzTest
    void securityAssociation(byte[] body) {
        decode(IkePayload.SA, body);
    }

    @FuzzTest
    void keyExchange(byte[] body) {
        decode(IkePayload.KE, body);
    }

    @FuzzTest
    void nonce(byte[] body) {
        decode(IkePayload.NONCE, body);
    }

    @FuzzTest
    void notify(byte[] body) {
        decode(IkePayload.NOTIFY, body);
    }

    @FuzzTest
    void vendorId(byte[] body) {
        decode(IkePayload.VENDOR_ID, body);
    }

    @FuzzTest
    void certificateRequest(byte[] body) {
        decode(IkePayload.CERTREQ, body);
    }

    /** IDr; IDi shares its decoder. */
    @FuzzTest
    void identification(byte[] body) {
        decode(IkePayload.IDR, body);
    }

    @FuzzTest
    void configuration(byte[] body) {
        decode(IkePayload.CP, body);
    }

    /** TSi; TSr shares its decoder. */
    @FuzzTest
    void trafficSelectors(byte[] body) {
        decode(IkePayload.TSI, body);
    }

    @FuzzTest
    void delete(byte[] body) {
        decode(IkePayload.DELETE, body);
    }

    /** A payload this codec keeps raw (here GSPM, 49). */
    @FuzzTest
    void unknown(byte[] body) {
        decode(49, body);
    }

    /** An IKE_SA_INIT response carrying one payload of {@code type} whose body is {@code body}. */
    static byte[] message(int type, byte[] body) {
        int length = IkeMessage.HEADER_LENGTH + 4 + body.length;
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putLong(0x4d9fe7566d89b4b2L).putLong(0x1122334455667788L)
                .put((byte) type).put((byte) IkeMessage.VERSION_2_0).put((byte) IkeMessage.IKE_SA_INIT)
                .put((byte) IkeMessage.FLAG_RESPONSE).putInt(0).putInt(length);
        b.put((byte) 0).put((byte) 0).putShort((short) (4 + body.length)).put(body);
        return b.array();
    }

    private static void decode(int type, byte[] body) {
        if (body.length > 0xFFFF - 4) {
            return; // the generic header's length field cannot say so
        }
        byte[] message = message(type, body);
        IkeMessage m;
        try {
            m = IkeMessage.decode(message);
        } catch (MalformedIkeException e) {
            Fuzzing.checkMalformed(e, message.length);
            assertThat(e.offset()).as("offset of " + e.getMessage()).isGreaterThanOrEqualTo(IkeMessage.HEADER_LENGTH);
            return;
        }
        assertThat(m.payloads()).hasSize(1);
        assertThat(m.payloads().get(0).type()).isEqualTo(type);
        Fuzzing.checkDecoded(m);
    }
}
