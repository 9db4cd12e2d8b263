package dev.wificall.esp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InnerFragmentsTest {
    private static final InetAddress A = addr("10.46.0.53");
    private static final InetAddress B = addr("10.45.0.1");

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InnerPacket piece(int id, int offset, byte[] all, int length, boolean more) {
        return new InnerPacket(4, A, B, InnerPacket.ICMP, 64, false, id, offset, more, Arrays.copyOfRange(all, offset, offset + length));
    }

    @Test
    void fragmentsInAnyOrderMakeTheWholePacketAndWholePacketsPassThrough() {
        byte[] all = new byte[3000];
        new java.util.Random(7).nextBytes(all);
        InnerFragments f = new InnerFragments();
        assertThat(f.add(piece(9, 2752, all, 248, false))).isEmpty();
        assertThat(f.add(piece(9, 0, all, 1376, true))).isEmpty();
        InnerPacket whole = f.add(piece(9, 1376, all, 1376, true)).orElseThrow();
        assertThat(whole.payload()).isEqualTo(all);
        assertThat(whole.isFragment()).isFalse();
        InnerPacket plain = InnerPacket.of(A, B, InnerPacket.UDP, new byte[8]);
        assertThat(f.add(plain)).contains(plain);
    }

    @Test
    void overlapsAndFloodsAreGivenUpWithinTheBound() {
        byte[] all = new byte[2000];
        InnerFragments f = new InnerFragments();
        f.add(piece(1, 0, all, 1000, true));
        assertThat(f.add(piece(1, 992, all, 1008, false))).isEmpty();
        assertThat(f.givenUp()).isEqualTo(1);
        for (int id = 100; id < 140; id++) {
            f.add(piece(id, 0, all, 8, true));
        }
        assertThat(f.givenUp()).isEqualTo(1 + 40 - 16);
    }
}
