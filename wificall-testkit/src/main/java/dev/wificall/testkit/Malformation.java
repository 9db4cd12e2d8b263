package dev.wificall.testkit;

/**
 * How {@link Behaviour#malformed} damages the answer it would have sent: each kind is a way a broken
 * ePDG, a middlebox or a stray sender puts something that is not a valid IKE_SA_INIT response on the
 * path. An initiator must report each one as malformed, not crash, and not hang.
 */
public enum Malformation {
    /** The answer cut short: its header declares more bytes than arrive. */
    TRUNCATED,
    /** The header's length field declares fewer bytes than arrive. */
    BAD_LENGTH,
    /** An IKEv1 header (version 1.0) in front of the answer. */
    BAD_VERSION,
    /** The non-ESP marker where it does not belong: left out on "4500", added on "500". */
    MARKER_MISMATCH,
    /** Well framed, but a NAT detection hash of 19 bytes instead of 20. */
    BAD_PAYLOAD,
    /** A well-formed answer for another IKE SA: the initiator's SPI is not the request's. */
    WRONG_SPI,
    /** The Response flag clear: the answer reads as a request. */
    NOT_A_RESPONSE,
    /** Message ID 1 instead of 0. */
    WRONG_MESSAGE_ID,
    /** An IKE_AUTH response instead of IKE_SA_INIT. */
    WRONG_EXCHANGE,
    /** The request sent back unchanged, as a UDP echo service would. */
    ECHO,
    /** As many random bytes as the answer would have had. */
    GARBAGE,
    // --- well framed, right SPI and Response flag, but not an answer a phone accepts (RFC 7296 §1.2) ---
    /** The right header and random bytes where the payloads belong. */
    GARBAGE_BODY,
    /** The right header and no payloads at all. */
    NO_PAYLOADS,
    /** Only the Nonce: no SA, no KE. */
    NONCE_ONLY,
    /** SA and Nonce, no KE. */
    NO_KE,
    /** A KE half as long as the group's public value. */
    SHORT_KE,
    /** A nonce of 4 bytes (RFC 7296 §3.9: 16 to 256). */
    SHORT_NONCE,
    /** A proposal nobody offered: DES, HMAC-MD5, MODP-768. */
    UNOFFERED_PROPOSAL,
    /** A giant answer: a 60,000-byte nonce in a datagram of about 60 KB. */
    GIANT_NONCE,
    /** The answer followed by 3,000 more Nonce payloads: thousands of payloads in one chain. */
    PAYLOAD_FLOOD
}
