package dev.wificall.ike;

import dev.wificall.ike.MalformedIkeException.Reason;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts IKE fragments (RFC 7383) back together for one receiving direction of an IKE SA. {@link #add}
 * takes every protected message that arrives: an SK message is opened at once; an SKF fragment is
 * checked (ICV first, then Fragment Number 1 to Total Fragments) and kept until all fragments of its
 * message ID are there, then the decrypted parts are joined in order and decoded as one chain whose first
 * payload is the one fragment 1 names. The result, like {@link SkPayload#open}, has fragment 1's header
 * and unencrypted payloads and the decrypted inner payloads.
 * <p>
 * As RFC 7383 §2.6.1 asks: a fragment with more Total Fragments than seen before for its message ID
 * starts the assembly anew (the sender re-fragmented into smaller pieces), one with fewer is discarded;
 * duplicates are ignored; a fragment of an older message ID than the one being assembled, or of the
 * message just assembled (a retransmission), is discarded. Not thread-safe; one instance per IKE SA.
 */
public final class FragmentAssembly {
    /** The most fragments one message may arrive in. */
    public static final int MAX_FRAGMENTS = 255;
    /** The most decrypted bytes one fragmented message may carry. */
    public static final int MAX_CONTENT = 64 * 1024;

    private final SkPayload receiving;
    /** The message ID being assembled, unsigned; -1 before the first fragment. */
    private long messageId = -1;
    /** The message ID assembled last, unsigned; -1 before the first. */
    private long completed = -1;
    private int total;
    private byte[][] parts = new byte[0][];
    private int received;
    private int length;
    private SkPayload.Fragment first;

    /** Assembles what the peer protects with {@code receiving}, e.g. {@code SkPayload.receiving(suite, keys, true)}. */
    public FragmentAssembly(SkPayload receiving) {
        this.receiving = Objects.requireNonNull(receiving, "receiving");
    }

    /**
     * Takes one protected message (without non-ESP marker).
     *
     * @return the opened message when {@code message} is an SK message or the fragment that completes one;
     *         empty while fragments are missing, or when the fragment is discarded (a duplicate, fewer
     *         Total Fragments than before, an older message ID)
     * @throws SkPayloadIntegrityException the ICV of the SK or SKF payload does not verify; nothing is kept
     * @throws MalformedIkeException the message, a fragment's fields or the reassembled chain are malformed,
     *                               or the message exceeds {@link #MAX_FRAGMENTS} or {@link #MAX_CONTENT}
     */
    public Optional<IkeMessage> add(byte[] message) throws MalformedIkeException, SkPayloadIntegrityException {
        IkeMessage outer = IkeMessage.decode(message);
        IkePayload last = outer.payloads().isEmpty() ? null : outer.payloads().get(outer.payloads().size() - 1);
        if (last instanceof IkePayload.Unknown && last.type() == IkePayload.ENCRYPTED) {
            return Optional.of(receiving.open(message, outer));
        }
        SkPayload.Fragment f = receiving.openFragment(message, outer);
        long id = Integer.toUnsignedLong(outer.messageId());
        if (id == completed || id < messageId || id == messageId && f.total() < total) {
            return Optional.empty();
        }
        if (f.total() > MAX_FRAGMENTS) {
            int at = f.offset() + 6;
            throw new MalformedIkeException(Reason.BAD_LENGTH, at, "fragment " + f.number() + " of " + describe(outer)
                    + ": Total Fragments at offset " + at + " is " + f.total() + ", more than the " + MAX_FRAGMENTS + " wificall accepts");
        }
        if (id > messageId || f.total() > total) {
            start(id, f.total());
        }
        if (parts[f.number() - 1] != null) {
            return Optional.empty();
        }
        if (length + f.content().length > MAX_CONTENT) {
            int sum = length + f.content().length;
            reset();
            throw new MalformedIkeException(Reason.BAD_LENGTH, f.offset(), "fragment " + f.number() + " of " + describe(outer)
                    + " (SKF payload at offset " + f.offset() + ") brings the content to " + sum + " bytes, more than the "
                    + MAX_CONTENT + " wificall accepts");
        }
        parts[f.number() - 1] = f.content();
        length += f.content().length;
        received++;
        if (f.number() == 1) {
            first = f;
        }
        if (received < total) {
            return Optional.empty();
        }
        byte[] chain = new byte[length];
        for (int i = 0, at = 0; i < total; at += parts[i].length, i++) {
            System.arraycopy(parts[i], 0, chain, at, parts[i].length);
        }
        SkPayload.Fragment head = first;
        int count = total;
        completed = messageId;
        reset();
        try {
            return Optional.of(SkPayload.withInner(head.outer(), head.message(), head.nextPayload(), chain, chain.length,
                    "reassembled " + describe(head.outer()) + " from " + count + " fragments: "));
        } finally {
            Arrays.fill(chain, (byte) 0);
        }
    }

    /** Distinct fragments received of the message being assembled. */
    public int received() {
        return received;
    }

    /** Total Fragments of the message being assembled; 0 before its first fragment and after it is complete. */
    public int total() {
        return total;
    }

    /** The Fragment Numbers not yet received of the message being assembled, in order; empty when none is. */
    public java.util.List<Integer> missing() {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < total; i++) {
            if (parts[i] == null) {
                out.add(i + 1);
            }
        }
        return out;
    }

    private void start(long id, int fragments) {
        reset();
        messageId = id;
        total = fragments;
        parts = new byte[fragments][];
    }

    private void reset() {
        for (byte[] part : parts) {
            if (part != null) {
                Arrays.fill(part, (byte) 0);
            }
        }
        parts = new byte[0][];
        total = 0;
        received = 0;
        length = 0;
        first = null;
    }

    private static String describe(IkeMessage outer) {
        return IkeNames.exchange(outer.exchangeType()) + (outer.isResponse() ? " response " : " request ")
                + Integer.toUnsignedString(outer.messageId());
    }

    @Override
    public String toString() {
        return "FragmentAssembly[" + received + " of " + total + " fragments, " + receiving + "]";
    }
}
