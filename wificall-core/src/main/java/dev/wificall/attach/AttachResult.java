package dev.wificall.attach;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one IKE_AUTH probe of one ePDG address found. Nothing in it is secret: the subscriber is
 * masked, RAND/AUTN/RES and keys are never kept.
 *
 * @param address         the ePDG address as text
 * @param delivery        how the ePDG's first IKE_AUTH answer arrived
 * @param answerFragments IKE fragments of that answer (0 when whole or missing)
 * @param answerBytes     its size on the wire, all fragments together, without the non-ESP marker
 * @param subscriber      the masked NAI used as IDi
 * @param transcript      each message sent and received, with the time since the start
 */
public record AttachResult(String fqdn, String address, Outcome outcome, boolean passed, String sentence,
                           Optional<String> ikeProposal, Delivery delivery, int answerFragments, int answerBytes,
                           Optional<CertificateReport> certificate, Optional<ResponderSignature.SignatureVerdict> signature,
                           Optional<String> eapMethod, List<String> errorNotifies, Optional<String> eapFailure,
                           List<String> innerAddresses, List<String> dnsServers, List<String> pcscfServers,
                           Optional<String> childProposal, String subscriber, List<String> transcript, Duration elapsed) {

    public AttachResult {
        errorNotifies = List.copyOf(errorNotifies);
        innerAddresses = List.copyOf(innerAddresses);
        dnsServers = List.copyOf(dnsServers);
        pcscfServers = List.copyOf(pcscfServers);
        transcript = List.copyOf(transcript);
    }

    /** How far the probe got. */
    public enum Outcome {
        /** EAP-AKA succeeded, both AUTH payloads verified, the child SA and the inner address came back. */
        ATTACHED,
        /** Without a SIM: the ePDG's first IKE_AUTH answer came (certificate, AUTH, EAP request). */
        ANSWERED,
        /** IKE_SA_INIT was answered, IKE_AUTH on UDP/4500 was not. */
        NO_AUTH_ANSWER,
        /** IKE_SA_INIT got no usable answer, so IKE_AUTH could not start. */
        SA_INIT_FAILED,
        /** The ePDG answered IKE_AUTH with an error notify (3GPP or IKEv2). */
        REJECTED,
        /** EAP-AKA did not succeed (EAP-Failure, rejected challenge). */
        EAP_FAILED,
        /** An AUTH payload did not verify: the ePDG is not who it claims to be, or keys differ. */
        AUTH_FAILED,
        /** The ePDG sent something a phone cannot process. */
        PROTOCOL_ERROR,
        /** The SIM could not answer during the attach: removed from its reader, reset, or a card error. */
        SIM_ERROR
    }

    /** How the ePDG's first IKE_AUTH answer arrived. */
    public enum Delivery {
        /** One IKE message: the IP layer carried it whole, or fragmented it and the path let the fragments through. */
        WHOLE,
        /** IKE fragments (RFC 7383): every IP packet fits the path. */
        IKE_FRAGMENTS,
        /** Nothing arrived. */
        NONE
    }
}
