package dev.wificall.esp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts inner IP fragments back together, as the phone's IP stack does: an ePDG whose tunnel MTU is
 * smaller than a reply fragments the inner packet before it encrypts it (strongSwan's TUN device has
 * 1400 bytes). Bounded: a few datagrams at a time, each at most 65,535 bytes; the oldest is given up
 * when a new one would exceed the bound. Overlapping fragments are refused (RFC 5722).
 */
public final class InnerFragments {
    private static final int MAX_DATAGRAMS = 16;
    private static final int MAX_PAYLOAD = 65535;

    private record Key(int version, InetAddress source, InetAddress destination, int protocol, int identification) {
    }

    private record Piece(int offset, byte[] data, boolean more) {
    }

    private final Map<Key, List<Piece>> pending = new LinkedHashMap<>();
    private int givenUp;

    /** The whole packet once {@code fragment} completes one, else empty. Whole packets pass through. */
    public Optional<InnerPacket> add(InnerPacket fragment) {
        if (!fragment.isFragment()) {
            return Optional.of(fragment);
        }
        Key key = new Key(fragment.version(), fragment.source(), fragment.destination(), fragment.protocol(),
                fragment.identification());
        byte[] data = fragment.payload();
        if (fragment.fragmentOffset() + data.length > MAX_PAYLOAD) {
            pending.remove(key);
            givenUp++;
            return Optional.empty();
        }
        List<Piece> pieces = pending.get(key);
        if (pieces == null) {
            if (pending.size() >= MAX_DATAGRAMS) {
                Iterator<Key> oldest = pending.keySet().iterator();
                oldest.next();
                oldest.remove();
                givenUp++;
            }
            pieces = new ArrayList<>();
            pending.put(key, pieces);
        }
        Piece piece = new Piece(fragment.fragmentOffset(), data, fragment.moreFragments());
        for (Piece p : pieces) {
            boolean overlaps = piece.offset < p.offset + p.data.length && p.offset < piece.offset + piece.data.length;
            if (overlaps) {
                pending.remove(key);
                givenUp++;
                return Optional.empty();
            }
        }
        pieces.add(piece);
        pieces.sort(Comparator.comparingInt(Piece::offset));
        Piece last = pieces.get(pieces.size() - 1);
        if (last.more) {
            return Optional.empty();
        }
        int at = 0;
        for (Piece p : pieces) {
            if (p.offset != at) {
                return Optional.empty();
            }
            at += p.data.length;
        }
        byte[] whole = new byte[at];
        for (Piece p : pieces) {
            System.arraycopy(p.data, 0, whole, p.offset, p.data.length);
        }
        pending.remove(key);
        return Optional.of(new InnerPacket(fragment.version(), fragment.source(), fragment.destination(), fragment.protocol(),
                fragment.hopLimit(), false, fragment.version() == 4 ? fragment.identification() : 0, 0, false, whole));
    }

    /** Datagrams given up: too large, overlapping, or pushed out by newer ones. */
    public int givenUp() {
        return givenUp;
    }
}
