package dev.wificall.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wificall.ike.DhGroup;
import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.MalformedIkeException;
import dev.wificall.ike.SaInitRequest;
import dev.wificall.ike.SaInitResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * What the probe makes of an answer that decoded: {@link SaInitResponse} reads it (kind, chosen proposal,
 * cookie, group, NAT detection, words) and must not throw on anything the decoder let through. The request
 * is the one the lab captures answer (SPIi 4d9fe7566d89b4b2 from 10.77.0.1:42506 to 10.77.0.2:500), so that
 * the captured NAT detection hashes are compared for real.
 */
class SaInitResponseFuzzTest {
    static final SaInitRequest REQUEST = request();

    @FuzzTest
    void interpret(byte[] datagram) {
        IkeMessage m;
        try {
            m = IkeMessage.decode(datagram);
        } catch (MalformedIkeException e) {
            return; // IkeMessageFuzzTest covers the decoder
        }
        SaInitResponse r = new SaInitResponse(m, datagram.length);
        SaInitResponse.Kind kind = r.kind();
        assertThat(kind).isNotNull();
        r.cookie();
        r.requestedGroup();
        r.selectedProposal();
        r.selectedProposalText();
        r.keGroup();
        r.notifyNames();
        r.fragmentationSupported();
        r.signatureHashAlgorithms();
        r.vendorIds();
        r.certificateAuthorities();
        REQUEST.mismatch(m);
        if (kind == SaInitResponse.Kind.ACCEPTED) {
            assertThat(r.selectedProposal()).isPresent();
        }
        assertThat(r.describe()).isNotNull();
        assertThat(r.describe(REQUEST)).startsWith(r.describe());
        // the port search behind natStatus costs 65536 SHA-1: only where describe(request) did not do it already
        if (kind != SaInitResponse.Kind.ACCEPTED && kind != SaInitResponse.Kind.OTHER) {
            assertThat(r.natStatus(REQUEST)).isNotNull();
        }
    }

    private static SaInitRequest request() {
        try {
            InetSocketAddress local = new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 77, 0, 1}), 42506);
            InetSocketAddress remote = new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 77, 0, 2}), 500);
            return new SaInitRequest(0x4d9fe7566d89b4b2L, SaInitRequest.phoneProposals(), DhGroup.ECP_256, new byte[64],
                    new byte[32], new byte[0], local, remote);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
