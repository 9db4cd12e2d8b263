package dev.wificall.attach;

import dev.wificall.eap.AkaChallengeResult;
import dev.wificall.eap.AkaKeys;
import dev.wificall.eap.CredentialSource;
import dev.wificall.eap.EapAkaAttribute;
import dev.wificall.eap.EapAkaMac;
import dev.wificall.eap.EapAkaMessage;
import dev.wificall.eap.EapPacket;
import dev.wificall.eap.MalformedEapException;
import dev.wificall.eap.SoftUsim;
import dev.wificall.sim.SimException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The phone's side of EAP-AKA (RFC 4187) inside IKE_AUTH: takes each EAP packet the ePDG sends and
 * says what to answer. Its events name messages and attribute types only: RAND, AUTN, RES, the keys
 * and the identity's MSIN never appear in them.
 */
final class EapAkaPeer {

    /** What the peer does with one packet from the server. */
    record Step(Optional<byte[]> response, String event, State state) {
    }

    enum State {
        /** EAP goes on: send the response and wait for the next request. */
        CONTINUE,
        /** EAP-Success after a verified challenge: the MSK is ready. */
        SUCCEEDED,
        /** EAP-Failure, or a rejected challenge the peer will not continue. */
        FAILED
    }

    private final CredentialSource usim;
    private final String identity;
    private final String maskedIdentity;
    private AkaKeys keys;
    private String rejection;
    private String simError;
    private int notification = -1;

    EapAkaPeer(CredentialSource usim, String identity, String maskedIdentity) {
        this.usim = usim;
        this.identity = identity;
        this.maskedIdentity = maskedIdentity;
    }

    /** The MSK once a challenge was answered (used for the IKE AUTH payloads after EAP-Success). */
    Optional<byte[]> msk() {
        return keys == null ? Optional.empty() : Optional.of(keys.msk());
    }

    /** Why the peer refused the network's challenge, when it did. */
    Optional<String> rejection() {
        return Optional.ofNullable(rejection);
    }

    /** Why the SIM could not answer the challenge (removed, reset, a card error), when that ended EAP. */
    Optional<String> simError() {
        return Optional.ofNullable(simError);
    }

    /** The AT_NOTIFICATION code the server sent, or -1. */
    int notification() {
        return notification;
    }

    Step receive(byte[] packet) throws MalformedEapException {
        EapPacket eap = EapPacket.decode(packet);
        switch (eap.code()) {
            case SUCCESS:
                if (keys == null) {
                    return new Step(Optional.empty(), "EAP-Success before any AKA-Challenge was answered: the ePDG skipped "
                            + "authentication of the subscriber, which a phone must not accept", State.FAILED);
                }
                return new Step(Optional.empty(), "EAP-Success", State.SUCCEEDED);
            case FAILURE:
                return new Step(Optional.empty(), "EAP-Failure", State.FAILED);
            case RESPONSE:
                throw new MalformedEapException(MalformedEapException.Reason.UNSUPPORTED, 0,
                        "the ePDG sent an EAP-Response (identifier " + eap.identifier() + "); a server sends Requests");
            default:
                break;
        }
        int id = eap.identifier();
        if (eap.type() == EapPacket.TYPE_IDENTITY) {
            EapPacket answer = new EapPacket(EapPacket.Code.RESPONSE, id, EapPacket.TYPE_IDENTITY,
                    identity.getBytes(StandardCharsets.US_ASCII));
            return new Step(Optional.of(answer.encode()), "EAP-Request/Identity answered with " + maskedIdentity, State.CONTINUE);
        }
        if (eap.type() != EapPacket.TYPE_AKA) {
            // RFC 3748 §5.3.1: a Nak names the method the peer wants instead
            EapPacket nak = new EapPacket(EapPacket.Code.RESPONSE, id, EapPacket.TYPE_NAK, new byte[] {EapPacket.TYPE_AKA});
            return new Step(Optional.of(nak.encode()), "EAP-Request of " + methodName(eap.type())
                    + " answered with a Nak asking for EAP-AKA (23)", State.CONTINUE);
        }
        EapAkaMessage aka = EapAkaMessage.decode(packet);
        return switch (aka.subtype()) {
            case IDENTITY -> new Step(Optional.of(EapAkaMessage.identityResponse(id, identity).encode()),
                    "AKA-Identity answered with AT_IDENTITY " + maskedIdentity, State.CONTINUE);
            case CHALLENGE -> challenge(packet, aka);
            case NOTIFICATION -> notification(packet, aka);
            default -> new Step(Optional.of(EapAkaMessage.clientError(id, 0).encode()), "unexpected " + aka.subtype()
                    + " request answered with AKA-Client-Error (unable to process packet)", State.CONTINUE);
        };
    }

    private Step challenge(byte[] packet, EapAkaMessage aka) throws MalformedEapException {
        int id = aka.identifier();
        Optional<EapAkaAttribute.Rand> rand = aka.attribute(EapAkaAttribute.Rand.class);
        Optional<EapAkaAttribute.Autn> autn = aka.attribute(EapAkaAttribute.Autn.class);
        if (rand.isEmpty() || autn.isEmpty() || aka.attribute(EapAkaAttribute.Mac.class).isEmpty()) {
            rejection = "the AKA-Challenge lacks " + (rand.isEmpty() ? "AT_RAND" : autn.isEmpty() ? "AT_AUTN" : "AT_MAC");
            return new Step(Optional.of(EapAkaMessage.clientError(id, 0).encode()), rejection
                    + "; answered with AKA-Client-Error", State.CONTINUE);
        }
        AkaChallengeResult result;
        try {
            result = usim.authenticate(rand.get().rand(), autn.get().autn());
        } catch (SimException e) {
            // a card pulled out mid-attach: nothing to answer with, and nothing a retry here would fix
            simError = e.getMessage();
            return new Step(Optional.empty(), "AKA-Challenge: the " + usim.description() + " could not answer: "
                    + simError, State.FAILED);
        }
        if (result instanceof AkaChallengeResult.SynchronisationFailure sync) {
            return new Step(Optional.of(EapAkaMessage.synchronizationFailure(id, sync.auts()).encode()),
                    "AKA-Challenge: the USIM found the network's sequence number out of range; answered with "
                            + "AKA-Synchronization-Failure and AT_AUTS", State.CONTINUE);
        }
        if (!(result instanceof AkaChallengeResult.Success success)) {
            // only a software USIM has configured keys that can be wrong; a card's keys are the card's
            rejection = usim instanceof SoftUsim
                    ? "the network's AUTN did not verify with this subscriber's K and OPc (MAC-A mismatch): "
                    + "the ePDG's authentication centre holds other keys for " + maskedIdentity
                    + ", or the configured K/OPc are wrong"
                    : "the " + usim.description() + " rejected the network's AUTN (MAC-A): the ePDG's authentication "
                    + "centre does not hold this SIM's keys";
            return new Step(Optional.of(EapAkaMessage.authenticationReject(id).encode()),
                    "AKA-Challenge: AUTN did not verify; answered with AKA-Authentication-Reject", State.CONTINUE);
        }
        AkaKeys derived = AkaKeys.derive(identity, success.ik(), success.ck());
        if (!EapAkaMac.verifyMac(packet, derived.kAut())) {
            rejection = "the AKA-Challenge's AT_MAC does not verify with the keys derived from this USIM's answer";
            return new Step(Optional.of(EapAkaMessage.clientError(id, 0).encode()), rejection
                    + "; answered with AKA-Client-Error", State.CONTINUE);
        }
        keys = derived;
        boolean checkcode = aka.attribute(EapAkaAttribute.Checkcode.class).isPresent();
        byte[] answer = EapAkaMessage.challengeResponse(id, EapAkaAttribute.Res.of(success.res()), derived.kAut(), checkcode);
        return new Step(Optional.of(answer), "AKA-Challenge: AUTN and AT_MAC verified; answered with AT_RES ("
                + success.res().length * 8 + " bits) and AT_MAC", State.CONTINUE);
    }

    private Step notification(byte[] packet, EapAkaMessage aka) throws MalformedEapException {
        int code = aka.attribute(EapAkaAttribute.Notification.class).map(EapAkaAttribute.Notification::code).orElse(-1);
        notification = code;
        // RFC 4187 §9.10: after a successful challenge (P bit clear) the response carries AT_MAC too
        boolean afterChallenge = code >= 0 && (code & 0x4000) == 0 && keys != null;
        byte[] answer;
        if (afterChallenge) {
            EapAkaMessage reply = new EapAkaMessage(EapPacket.Code.RESPONSE, aka.identifier(), EapAkaMessage.Subtype.NOTIFICATION,
                    java.util.List.of(EapAkaAttribute.Mac.zero()));
            answer = EapAkaMac.sign(reply.encode(), keys.kAut());
        } else {
            answer = new EapAkaMessage(EapPacket.Code.RESPONSE, aka.identifier(), EapAkaMessage.Subtype.NOTIFICATION,
                    java.util.List.of()).encode();
        }
        return new Step(Optional.of(answer), "AKA-Notification " + notificationText(code) + " acknowledged", State.CONTINUE);
    }

    /** RFC 4187 §10.19 codes by name, where the RFC names them. */
    static String notificationText(int code) {
        String name = switch (code) {
            case 0 -> "General failure after authentication";
            case 1026 -> "User has been temporarily denied access";
            case 1031 -> "User has not subscribed to the requested service";
            case 16384 -> "General failure";
            case 32768 -> "Success";
            default -> null;
        };
        return code + (name == null ? "" : " (" + name + ")");
    }

    static String methodName(int type) {
        return switch (type) {
            case EapPacket.TYPE_IDENTITY -> "EAP-Identity (1)";
            case EapPacket.TYPE_NOTIFICATION -> "EAP-Notification (2)";
            case EapPacket.TYPE_SIM -> "EAP-SIM (18)";
            case EapPacket.TYPE_AKA -> "EAP-AKA (23)";
            case EapPacket.TYPE_AKA_PRIME -> "EAP-AKA' (50)";
            case 13 -> "EAP-TLS (13)";
            case 26 -> "EAP-MSCHAPv2 (26)";
            default -> "EAP type " + type;
        };
    }
}
