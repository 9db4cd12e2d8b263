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

    private static final Map<Integer, String> NOTIFIES = Map.ofEntries(
            Map.entry(1, "UNSUPPORTED_CRITICAL_PAYLOAD"), Map.entry(4, "INVALID_IKE_SPI"),
            Map.entry(5, "INVALID_MAJOR_VERSION"), Map.entry(7, "INVALID_SYNTAX"), Map.entry(9, "INVALID_MESSAGE_ID"),
            Map.entry(11, "INVALID_SPI"), Map.entry(14, "NO_PROPOSAL_CHOSEN"), Map.entry(17, "INVALID_KE_PAYLOAD"),
            Map.entry(24, "AUTHENTICATION_FAILED"), Map.entry(34, "SINGLE_PAIR_REQUIRED"),
            Map.entry(35, "NO_ADDITIONAL_SAS"), Map.entry(36, "INTERNAL_ADDRESS_FAILURE"),
            Map.entry(37, "FAILED_CP_REQUIRED"), Map.entry(38, "TS_UNACCEPTABLE"), Map.entry(39, "INVALID_SELECTORS"),
            Map.entry(43, "TEMPORARY_FAILURE"), Map.entry(44, "CHILD_SA_NOT_FOUND"),
            // 3GPP TS 24.302 private error types
            Map.entry(9000, "NON_3GPP_ACCESS_TO_EPC_NOT_ALLOWED"), Map.entry(9001, "USER_UNKNOWN"),
            Map.entry(9002, "NO_APN_SUBSCRIPTION"), Map.entry(9003, "AUTHORIZATION_REJECTED"),
            Map.entry(9006, "ILLEGAL_ME"), Map.entry(10500, "NETWORK_FAILURE"),
            Map.entry(16384, "INITIAL_CONTACT"), Map.entry(16385, "SET_WINDOW_SIZE"),
            Map.entry(16386, "ADDITIONAL_TS_POSSIBLE"), Map.entry(16387, "IPCOMP_SUPPORTED"),
            Map.entry(16388, "NAT_DETECTION_SOURCE_IP"), Map.entry(16389, "NAT_DETECTION_DESTINATION_IP"),
            Map.entry(16390, "COOKIE"), Map.entry(16391, "USE_TRANSPORT_MODE"),
            Map.entry(16392, "HTTP_CERT_LOOKUP_SUPPORTED"), Map.entry(16393, "REKEY_SA"),
            Map.entry(16394, "ESP_TFC_PADDING_NOT_SUPPORTED"), Map.entry(16395, "NON_FIRST_FRAGMENTS_ALSO"),
            Map.entry(16396, "MOBIKE_SUPPORTED"), Map.entry(16404, "MULTIPLE_AUTH_SUPPORTED"),
            Map.entry(16405, "ANOTHER_AUTH_FOLLOWS"), Map.entry(16406, "REDIRECT_SUPPORTED"),
            Map.entry(16407, "REDIRECT"), Map.entry(16408, "REDIRECTED_FROM"),
            Map.entry(16417, "EAP_ONLY_AUTHENTICATION"), Map.entry(16418, "CHILDLESS_IKEV2_SUPPORTED"),
            Map.entry(16430, "IKEV2_FRAGMENTATION_SUPPORTED"), Map.entry(16431, "SIGNATURE_HASH_ALGORITHMS"),
            Map.entry(16435, "USE_PPK"), Map.entry(16438, "INTERMEDIATE_EXCHANGE_SUPPORTED"));

    static String payload(int type) {
        return PAYLOADS.getOrDefault(type, "payload type " + type);
    }

    static String exchange(int type) {
        return EXCHANGES.getOrDefault(type, "exchange type " + type);
    }

    static String notify(int type) {
        return NOTIFIES.getOrDefault(type, (type < 16384 ? "error notify " : "status notify ") + type);
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
