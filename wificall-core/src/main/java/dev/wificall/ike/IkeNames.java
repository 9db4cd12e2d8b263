package dev.wificall.ike;

import java.util.Map;

/** IANA names (IKEv2 parameters registry) for what a user reads in a probe's detail. */
final class IkeNames {
    private IkeNames() {
    }

    private static final Map<Integer, String> PAYLOADS = Map.ofEntries(
            Map.entry(33, "SA"), Map.entry(34, "KE"), Map.entry(35, "IDi"), Map.entry(36, "IDr"),
            Map.entry(37, "CERT"), Map.entry(38, "CERTREQ"), Map.entry(39, "AUTH"), Map.entry(40, "Nonce"),
            Map.entry(41, "NOTIFY"), Map.entry(42, "DELETE"), Map.entry(43, "Vendor ID"), Map.entry(44, "TSi"),
            Map.entry(45, "TSr"), Map.entry(46, "SK"), Map.entry(47, "CP"), Map.entry(48, "EAP"),
            Map.entry(53, "SKF"));

    private static final Map<Integer, String> EXCHANGES = Map.of(
            34, "IKE_SA_INIT", 35, "IKE_AUTH", 36, "CREATE_CHILD_SA", 37, "INFORMATIONAL", 43, "IKE_INTERMEDIATE");

    private static final Map<Integer, String> ENCR = Map.ofEntries(
            Map.entry(1, "ENCR_DES_IV64"), Map.entry(2, "ENCR_DES"), Map.entry(3, "ENCR_3DES"), Map.entry(4, "ENCR_RC5"),
            Map.entry(5, "ENCR_IDEA"), Map.entry(6, "ENCR_CAST"), Map.entry(7, "ENCR_BLOWFISH"), Map.entry(8, "ENCR_3IDEA"),
            Map.entry(9, "ENCR_DES_IV32"), Map.entry(11, "ENCR_NULL"), Map.entry(12, "ENCR_AES_CBC"),
            Map.entry(13, "ENCR_AES_CTR"), Map.entry(14, "ENCR_AES_CCM_8"), Map.entry(15, "ENCR_AES_CCM_12"),
            Map.entry(16, "ENCR_AES_CCM_16"), Map.entry(18, "ENCR_AES_GCM_8"), Map.entry(19, "ENCR_AES_GCM_12"),
            Map.entry(20, "ENCR_AES_GCM_16"), Map.entry(21, "ENCR_NULL_AUTH_AES_GMAC"),
            Map.entry(23, "ENCR_CAMELLIA_CBC"), Map.entry(24, "ENCR_CAMELLIA_CTR"), Map.entry(25, "ENCR_CAMELLIA_CCM_8"),
            Map.entry(26, "ENCR_CAMELLIA_CCM_12"), Map.entry(27, "ENCR_CAMELLIA_CCM_16"),
            Map.entry(28, "ENCR_CHACHA20_POLY1305"));

    private static final Map<Integer, String> PRF = Map.of(
            1, "PRF_HMAC_MD5", 2, "PRF_HMAC_SHA1", 3, "PRF_HMAC_TIGER", 4, "PRF_AES128_XCBC",
            5, "PRF_HMAC_SHA2_256", 6, "PRF_HMAC_SHA2_384", 7, "PRF_HMAC_SHA2_512", 8, "PRF_AES128_CMAC");

    private static final Map<Integer, String> INTEG = Map.ofEntries(
            Map.entry(0, "NONE"), Map.entry(1, "AUTH_HMAC_MD5_96"), Map.entry(2, "AUTH_HMAC_SHA1_96"),
            Map.entry(3, "AUTH_DES_MAC"), Map.entry(4, "AUTH_KPDK_MD5"), Map.entry(5, "AUTH_AES_XCBC_96"),
            Map.entry(6, "AUTH_HMAC_MD5_128"), Map.entry(7, "AUTH_HMAC_SHA1_160"), Map.entry(8, "AUTH_AES_CMAC_96"),
            Map.entry(9, "AUTH_AES_128_GMAC"), Map.entry(10, "AUTH_AES_192_GMAC"), Map.entry(11, "AUTH_AES_256_GMAC"),
            Map.entry(12, "AUTH_HMAC_SHA2_256_128"), Map.entry(13, "AUTH_HMAC_SHA2_384_192"),
            Map.entry(14, "AUTH_HMAC_SHA2_512_256"));

    /** IANA "Notify Message Error Types" 1..47; the gaps are reserved. */
    private static final String[] ERRORS = new String[48];
    /** IANA "Notify Message Status Types" from 16384 (INITIAL_CONTACT) to 16443. */
    private static final String[] STATUSES = {
        "INITIAL_CONTACT", "SET_WINDOW_SIZE", "ADDITIONAL_TS_POSSIBLE", "IPCOMP_SUPPORTED",
        "NAT_DETECTION_SOURCE_IP", "NAT_DETECTION_DESTINATION_IP", "COOKIE", "USE_TRANSPORT_MODE",
        "HTTP_CERT_LOOKUP_SUPPORTED", "REKEY_SA", "ESP_TFC_PADDING_NOT_SUPPORTED", "NON_FIRST_FRAGMENTS_ALSO",
        "MOBIKE_SUPPORTED", "ADDITIONAL_IP4_ADDRESS", "ADDITIONAL_IP6_ADDRESS", "NO_ADDITIONAL_ADDRESSES",
        "UPDATE_SA_ADDRESSES", "COOKIE2", "NO_NATS_ALLOWED", "AUTH_LIFETIME",
        "MULTIPLE_AUTH_SUPPORTED", "ANOTHER_AUTH_FOLLOWS", "REDIRECT_SUPPORTED", "REDIRECT",
        "REDIRECTED_FROM", "TICKET_LT_OPAQUE", "TICKET_REQUEST", "TICKET_ACK",
        "TICKET_NACK", "TICKET_OPAQUE", "LINK_ID", "USE_WESP_MODE",
        "ROHC_SUPPORTED", "EAP_ONLY_AUTHENTICATION", "CHILDLESS_IKEV2_SUPPORTED", "QUICK_CRASH_DETECTION",
        "IKEV2_MESSAGE_ID_SYNC_SUPPORTED", "IPSEC_REPLAY_COUNTER_SYNC_SUPPORTED", "IKEV2_MESSAGE_ID_SYNC",
        "IPSEC_REPLAY_COUNTER_SYNC", "SECURE_PASSWORD_METHODS", "PSK_PERSIST", "PSK_CONFIRM",
        "ERX_SUPPORTED", "IFOM_CAPABILITY", "SENDER_REQUEST_ID", "IKEV2_FRAGMENTATION_SUPPORTED",
        "SIGNATURE_HASH_ALGORITHMS", "CLONE_IKE_SA_SUPPORTED", "CLONE_IKE_SA", "PUZZLE",
        "USE_PPK", "PPK_IDENTITY", "NO_PPK_AUTH", "INTERMEDIATE_EXCHANGE_SUPPORTED",
        "IP4_ALLOWED", "IP6_ALLOWED", "ADDITIONAL_KEY_EXCHANGE", "USE_AGGFRAG",
        "SUPPORTED_AUTH_METHODS"};
    static final int FIRST_STATUS = 16384;

    // 3GPP TS 24.302 §8.1.2.2 private error types: an ePDG sends them in IKE_AUTH, named here for that day
    private static final Map<Integer, String> PRIVATE_ERRORS = Map.of(
            9000, "NON_3GPP_ACCESS_TO_EPC_NOT_ALLOWED", 9001, "USER_UNKNOWN", 9002, "NO_APN_SUBSCRIPTION",
            9003, "AUTHORIZATION_REJECTED", 9006, "ILLEGAL_ME", 10500, "NETWORK_FAILURE");

    static {
        String[][] errors = {
            {"1", "UNSUPPORTED_CRITICAL_PAYLOAD"}, {"4", "INVALID_IKE_SPI"}, {"5", "INVALID_MAJOR_VERSION"},
            {"7", "INVALID_SYNTAX"}, {"9", "INVALID_MESSAGE_ID"}, {"11", "INVALID_SPI"}, {"14", "NO_PROPOSAL_CHOSEN"},
            {"17", "INVALID_KE_PAYLOAD"}, {"24", "AUTHENTICATION_FAILED"}, {"34", "SINGLE_PAIR_REQUIRED"},
            {"35", "NO_ADDITIONAL_SAS"}, {"36", "INTERNAL_ADDRESS_FAILURE"}, {"37", "FAILED_CP_REQUIRED"},
            {"38", "TS_UNACCEPTABLE"}, {"39", "INVALID_SELECTORS"}, {"40", "UNACCEPTABLE_ADDRESSES"},
            {"41", "UNEXPECTED_NAT_DETECTED"}, {"42", "USE_ASSIGNED_HoA"}, {"43", "TEMPORARY_FAILURE"},
            {"44", "CHILD_SA_NOT_FOUND"}, {"45", "INVALID_GROUP_ID"}, {"46", "AUTHORIZATION_FAILED"},
            {"47", "STATE_NOT_FOUND"}};
        for (String[] e : errors) {
            ERRORS[Integer.parseInt(e[0])] = e[1];
        }
    }

    /** IANA "IKEv2 Certificate Encodings" (RFC 7296 §3.6). */
    private static final Map<Integer, String> CERT_ENCODINGS = Map.ofEntries(
            Map.entry(1, "PKCS #7 wrapped X.509"), Map.entry(2, "PGP"), Map.entry(3, "DNS signed key"),
            Map.entry(4, "X.509 signature"), Map.entry(6, "Kerberos token"), Map.entry(7, "CRL"),
            Map.entry(8, "ARL"), Map.entry(9, "SPKI"), Map.entry(10, "X.509 attribute"),
            Map.entry(11, "raw RSA key"), Map.entry(12, "hash and URL of X.509 certificate"),
            Map.entry(13, "hash and URL of X.509 bundle"), Map.entry(14, "OCSP content"),
            Map.entry(15, "raw public key"));

    /** IANA "IKEv2 Hash Algorithms" (RFC 7427 §7, RFC 8420 for Identity). */
    private static final Map<Integer, String> HASHES = Map.of(
            1, "SHA1", 2, "SHA2-256", 3, "SHA2-384", 4, "SHA2-512", 5, "Identity");

    static String payload(int type) {
        return PAYLOADS.getOrDefault(type, "payload type " + type);
    }

    static java.util.Optional<String> knownPayload(int type) {
        return java.util.Optional.ofNullable(PAYLOADS.get(type));
    }

    static String exchange(int type) {
        return EXCHANGES.getOrDefault(type, "exchange type " + type);
    }

    /** The IANA name, e.g. "NO_PROPOSAL_CHOSEN", or "error notify 99" / "status notify 40001" when unnamed. */
    static String notify(int type) {
        String name = null;
        if (type > 0 && type < ERRORS.length) {
            name = ERRORS[type];
        } else if (type >= FIRST_STATUS && type < FIRST_STATUS + STATUSES.length) {
            name = STATUSES[type - FIRST_STATUS];
        } else {
            name = PRIVATE_ERRORS.get(type);
        }
        return name != null ? name : (type < FIRST_STATUS ? "error notify " : "status notify ") + type;
    }

    static String certificateEncoding(int encoding) {
        return CERT_ENCODINGS.getOrDefault(encoding, "certificate encoding " + encoding);
    }

    static String hashAlgorithm(int id) {
        return HASHES.getOrDefault(id, "hash algorithm " + id);
    }

    static String transform(int type, int id) {
        switch (type) {
            case SecurityAssociation.ENCR: return ENCR.getOrDefault(id, "ENCR " + id);
            case SecurityAssociation.PRF: return PRF.getOrDefault(id, "PRF " + id);
            case SecurityAssociation.INTEG: return INTEG.getOrDefault(id, "INTEG " + id);
            case SecurityAssociation.DH: return "DH group " + id;
            case SecurityAssociation.ESN: return id == 0 ? "No ESN" : id == 1 ? "ESN" : "ESN " + id;
            default: return "transform type " + type + " ID " + id;
        }
    }
}
