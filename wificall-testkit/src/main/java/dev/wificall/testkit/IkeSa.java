package dev.wificall.testkit;

import dev.wificall.ike.DhKeyPair;
import dev.wificall.ike.FragmentAssembly;
import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.IkePayload;
import dev.wificall.ike.IkeSaKeys;
import dev.wificall.ike.MalformedIkeException;
import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SkPayload;
import dev.wificall.ike.SkPayloadIntegrityException;
import dev.wificall.ike.SkPayloadSuite;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One IKE SA the simulator accepted in IKE_SA_INIT: what IKE_AUTH needs (its own key pair, both nonces,
 * the chosen proposal) and the answer it gave to IKE_AUTH request 1. The keys are derived on the first
 * IKE_AUTH, since most SAs (every probe's) never get one. Only the simulator's thread uses it.
 */
final class IkeSa {
    private final Received saInit;
    private final long spiR;
    private final DhKeyPair pair;
    private final byte[] nr;
    private final Proposal chosen;
    // from the first IKE_AUTH on
    private boolean unusable;
    private SkPayload sending;
    private FragmentAssembly assembly;
    /** The sealed answer to request 1 as sent, without marker: a retransmission gets these bytes again (RFC 7296 §2.1). */
    private List<byte[]> answered;

    IkeSa(Received saInit, long spiR, DhKeyPair pair, byte[] nr, Proposal chosen) {
        this.saInit = saInit;
        this.spiR = spiR;
        this.pair = pair;
        this.nr = nr.clone();
        this.chosen = chosen;
    }

    /** The IKE_SA_INIT request that made this SA. */
    Received saInit() {
        return saInit;
    }

    /**
     * The answer to IKE_AUTH request 1, {@code message} (without marker): {@code payloads} sealed with the
     * responder's keys, in RFC 7383 fragments of at most {@code fragmentLength} bytes when that is
     * above 0, of which only the first {@code keep} are sent; or the earlier answer when this is a
     * retransmission. Empty when the request is dropped: its ICV does not verify; it is malformed; it
     * is an IKE fragment while others of its message are missing, or a retransmitted fragment other
     * than number 1 (§2.6.1); or the SA cannot have keys (the initiator's KE value is invalid, or the
     * chosen proposal has an algorithm wificall cannot protect SK payloads with, e.g. 3DES).
     */
    Optional<List<byte[]>> answer(byte[] message, IkeMessage outer, List<IkePayload> payloads, int fragmentLength, int keep,
            SecureRandom random) {
        if (!deriveKeysOnce()) {
            return Optional.empty();
        }
        if (answered != null && fragmentNumber(outer) != 1) {
            return Optional.empty();
        }
        Optional<IkeMessage> whole;
        try {
            // opens an SK message at once; a fragment is verified, then kept until its message is complete
            whole = assembly.add(message);
        } catch (MalformedIkeException | SkPayloadIntegrityException e) {
            return Optional.empty();
        }
        if (answered != null) {
            return Optional.of(answered);
        }
        if (whole.isEmpty()) {
            return Optional.empty();
        }
        IkeMessage response = new IkeMessage(saInit.spi(), spiR, IkeMessage.VERSION_2_0, SaInitResponder.IKE_AUTH,
                IkeMessage.FLAG_RESPONSE, outer.messageId(), payloads);
        List<byte[]> sealed = fragmentLength > 0 ? sending.sealFragments(response, fragmentLength, random)
                : List.of(sending.seal(response, random));
        answered = List.copyOf(sealed.subList(0, Math.min(keep, sealed.size())));
        return Optional.of(answered);
    }

    /** Derives the keys on the first call; false when the SA cannot have any. */
    private boolean deriveKeysOnce() {
        if (sending != null || unusable) {
            return !unusable;
        }
        byte[] gir = null;
        try {
            SkPayloadSuite s = SkPayloadSuite.of(chosen);
            gir = pair.sharedSecret(saInit.keyExchange().orElseThrow().data());
            IkeSaKeys keys = IkeSaKeys.derive(s, saInit.nonce().orElseThrow(), nr, gir, saInit.spi(), spiR);
            assembly = new FragmentAssembly(SkPayload.receiving(s, keys, false));
            sending = SkPayload.sending(s, keys, false);
            return true;
        } catch (IllegalArgumentException noKeys) {
            // an invalid KE value or an algorithm SkPayload lacks: a responder without keys drops IKE_AUTH
            unusable = true;
            return false;
        } finally {
            if (gir != null) {
                Arrays.fill(gir, (byte) 0);
            }
        }
    }

    /** 1 for an SK message; the Fragment Number of an SKF one (RFC 7383 §2.5), 0 when it is too short to say. */
    private static int fragmentNumber(IkeMessage outer) {
        List<IkePayload> payloads = outer.payloads();
        IkePayload last = payloads.isEmpty() ? null : payloads.get(payloads.size() - 1);
        if (!(last instanceof IkePayload.Unknown u) || u.type() != IkePayload.ENCRYPTED_FRAGMENT) {
            return 1;
        }
        byte[] body = u.body();
        return body.length < 2 ? 0 : (body[0] & 0xFF) << 8 | body[1] & 0xFF;
    }
}
