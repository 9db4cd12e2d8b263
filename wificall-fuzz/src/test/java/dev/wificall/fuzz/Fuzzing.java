package dev.wificall.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.IkePayload;
import dev.wificall.ike.MalformedIkeException;
import dev.wificall.ike.SecurityAssociation;
import java.util.HexFormat;

/** What every IKE target checks of a decoder's outcome. */
final class Fuzzing {
    private Fuzzing() {
    }

    /** The declared refusal: with a reason, a message and an offset inside the datagram. */
    static void checkMalformed(MalformedIkeException e, int length) {
        assertThat(e.reason()).isNotNull();
        assertThat(e.getMessage()).isNotBlank();
        assertThat(e.offset()).isBetween(0, Math.max(length, 0));
    }

    /**
     * A decoded message: it describes itself, and its encoding decodes to the same message (payloads
     * compared by their encoding, since byte arrays in records compare by identity).
     */
    static void checkDecoded(IkeMessage m) {
        assertThat(m.describe()).isNotBlank();
        for (IkePayload p : m.payloads()) {
            describe(p);
        }
        byte[] encoded = m.encode();
        IkeMessage again;
        try {
            again = IkeMessage.decode(encoded);
        } catch (MalformedIkeException e) {
            throw new AssertionError("a decoded message does not decode after encoding: " + m.describe() + ": "
                    + e.getMessage(), e);
        }
        assertThat(hex(again.encode())).as("encode(decode(encode(m)))").isEqualTo(hex(encoded));
        assertThat(again.describe()).isEqualTo(m.describe());
    }

    private static void describe(IkePayload p) {
        if (p instanceof SecurityAssociation sa) {
            sa.proposals().forEach(proposal -> assertThat(proposal.describe()).isNotNull());
        } else if (p instanceof IkePayload.KeyExchange ke) {
            ke.dhGroup();
        } else if (p instanceof IkePayload.Notify n) {
            assertThat(n.name()).isNotBlank();
            n.isError();
        } else if (p instanceof IkePayload.VendorId v) {
            assertThat(v.describe()).isNotNull();
        } else if (p instanceof IkePayload.CertificateRequest c) {
            assertThat(c.encodingName()).isNotBlank();
            c.authorityHashes().forEach(h -> assertThat(h).hasSize(40));
        } else if (p instanceof IkePayload.Identification id) {
            assertThat(id.text()).isNotNull();
            assertThat(id.body()).hasSize(4 + id.data().length);
        } else if (p instanceof IkePayload.Configuration cp) {
            assertThat(cp.describe()).isNotBlank();
            cp.attributes().forEach(a -> assertThat(a.describe()).isNotBlank());
            cp.attributes().forEach(a -> cp.addresses(a.type()));
        } else if (p instanceof IkePayload.TrafficSelectors ts) {
            assertThat(ts.describe()).isNotBlank();
        } else if (p instanceof IkePayload.Authentication a) {
            assertThat(a.methodName()).isNotBlank();
        } else if (p instanceof IkePayload.Certificate c) {
            assertThat(c.encodingName()).isNotBlank();
        }
        assertThat(p.toString()).isNotNull();
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
