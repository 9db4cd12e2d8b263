package dev.wificall.ike;

import dev.wificall.dns.AddressText;
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

    /**
     * 3GPP TS 24.302 private notify types that an ePDG sends in IKE_AUTH: the error types of table
     * 8.1.2.2-1 (below 16384, so errors) and the status types of table 8.1.2.3-1 (from 40960).
     */
    private static final Map<Integer, String> THREE_GPP = Map.ofEntries(
            Map.entry(8192, "PDN_CONNECTION_REJECTION"), Map.entry(8193, "MAX_CONNECTION_REACHED"),
            Map.entry(8241, "SEMANTIC_ERROR_IN_THE_TFT_OPERATION"), Map.entry(8242, "SYNTACTICAL_ERROR_IN_THE_TFT_OPERATION"),
            Map.entry(8244, "SEMANTIC_ERRORS_IN_PACKET_FILTERS"), Map.entry(8245, "SYNTACTICAL_ERRORS_IN_PACKET_FILTERS"),
            Map.entry(9000, "NON_3GPP_ACCESS_TO_EPC_NOT_ALLOWED"), Map.entry(9001, "USER_UNKNOWN"),
            Map.entry(9002, "NO_APN_SUBSCRIPTION"), Map.entry(9003, "AUTHORIZATION_REJECTED"), Map.entry(9006, "ILLEGAL_ME"),
            Map.entry(10500, "NETWORK_FAILURE"), Map.entry(11001, "RAT_TYPE_NOT_ALLOWED"), Map.entry(11005, "IMEI_NOT_ACCEPTED"),
            Map.entry(11011, "PLMN_NOT_ALLOWED"), Map.entry(11055, "UNAUTHENTICATED_EMERGENCY_NOT_SUPPORTED"),
            Map.entry(40961, "REACTIVATION_REQUESTED_CAUSE"), Map.entry(41041, "BACKOFF_TIMER"),
            Map.entry(41050, "PDN_TYPE_IPv4_ONLY_ALLOWED"), Map.entry(41051, "PDN_TYPE_IPv6_ONLY_ALLOWED"),
            Map.entry(41101, "DEVICE_IDENTITY"), Map.entry(41112, "EMERGENCY_SUPPORT"), Map.entry(41134, "EMERGENCY_CALL_NUMBERS"),
            Map.entry(41288, "NBIFOM_GENERIC_CONTAINER"), Map.entry(41304, "P_CSCF_RESELECTION_SUPPORT"), Map.entry(41501, "PTI"),
            Map.entry(42011, "IKEV2_MULTIPLE_BEARER_PDN_CONNECTIVITY"), Map.entry(42014, "EPS_QOS"),
            Map.entry(42015, "EXTENDED_EPS_QOS"), Map.entry(42017, "TFT"), Map.entry(42020, "MODIFIED_BEARER"),
            Map.entry(42094, "APN_AMBR"), Map.entry(42095, "EXTENDED_APN_AMBR"), Map.entry(51015, "N1_MODE_CAPABILITY"),
            Map.entry(51115, "N1_MODE_INFORMATION"), Map.entry(52216, "N1_MODE_S_NSSAI_PLMN_ID"));

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

    /** IANA "IKEv2 Authentication Method" (RFC 7296 §3.8, RFC 4754, RFC 7427). */
    private static final Map<Integer, String> AUTH_METHODS = Map.of(
            1, "RSA Digital Signature", 2, "Shared Key Message Integrity Code", 3, "DSS Digital Signature",
            9, "ECDSA with SHA-256 on the P-256 curve", 10, "ECDSA with SHA-384 on the P-384 curve",
            11, "ECDSA with SHA-512 on the P-521 curve", 12, "Generic Secure Password Authentication Method",
            13, "NULL Authentication", 14, "Digital Signature");

    /** IANA "IKEv2 Identification Payload ID Types" (RFC 7296 §3.5, RFC 7619 for ID_NULL). */
    private static final Map<Integer, String> ID_TYPES = Map.of(
            1, "ID_IPV4_ADDR", 2, "ID_FQDN", 3, "ID_RFC822_ADDR", 5, "ID_IPV6_ADDR", 9, "ID_DER_ASN1_DN",
            10, "ID_DER_ASN1_GN", 11, "ID_KEY_ID", 12, "ID_FC_NAME", 13, "ID_NULL");

    /** IANA "IKEv2 Configuration Payload Attribute Types"; 5, 9 and 11 are reserved in IKEv2. */
    private static final Map<Integer, String> CONFIG_ATTRIBUTES = Map.ofEntries(
            Map.entry(1, "INTERNAL_IP4_ADDRESS"), Map.entry(2, "INTERNAL_IP4_NETMASK"), Map.entry(3, "INTERNAL_IP4_DNS"),
            Map.entry(4, "INTERNAL_IP4_NBNS"), Map.entry(6, "INTERNAL_IP4_DHCP"), Map.entry(7, "APPLICATION_VERSION"),
            Map.entry(8, "INTERNAL_IP6_ADDRESS"), Map.entry(10, "INTERNAL_IP6_DNS"), Map.entry(12, "INTERNAL_IP6_DHCP"),
            Map.entry(13, "INTERNAL_IP4_SUBNET"), Map.entry(14, "SUPPORTED_ATTRIBUTES"), Map.entry(15, "INTERNAL_IP6_SUBNET"),
            Map.entry(16, "MIP6_HOME_PREFIX"), Map.entry(17, "INTERNAL_IP6_LINK"), Map.entry(18, "INTERNAL_IP6_PREFIX"),
            Map.entry(19, "HOME_AGENT_ADDRESS"), Map.entry(20, "P_CSCF_IP4_ADDRESS"), Map.entry(21, "P_CSCF_IP6_ADDRESS"),
            Map.entry(22, "FTT_KAT"), Map.entry(23, "EXTERNAL_SOURCE_IP4_NAT_INFO"),
            Map.entry(24, "TIMEOUT_PERIOD_FOR_LIVENESS_CHECK"), Map.entry(25, "INTERNAL_DNS_DOMAIN"),
            Map.entry(26, "INTERNAL_DNSSEC_TA"));

    /** strongSwan's short attribute names for its log ("CPRQ(ADDR DNS)"); P-CSCF and P-CSCF6 are wificall's. */
    private static final String[] CONFIG_SHORT = {
        null, "ADDR", "MASK", "DNS", "NBNS", "EXP", "DHCP", "VER", "ADDR6", "MASK6", "DNS6", "NBNS6", "DHCP6",
        "SUBNET", "SUP", "SUBNET6", "MIP6HPFX", "LINK6", "PFX6", "HOA", "P-CSCF", "P-CSCF6"};

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
            name = THREE_GPP.get(type);
        }
        return name != null ? name : (type < FIRST_STATUS ? "error notify " : "status notify ") + type;
    }

    static String certificateEncoding(int encoding) {
        return CERT_ENCODINGS.getOrDefault(encoding, "certificate encoding " + encoding);
    }

    static String hashAlgorithm(int id) {
        return HASHES.getOrDefault(id, "hash algorithm " + id);
    }

    static String authMethod(int method) {
        return AUTH_METHODS.getOrDefault(method, "authentication method " + method);
    }

    static String idType(int idType) {
        return ID_TYPES.getOrDefault(idType, "ID type " + idType);
    }

    static String configAttribute(int type) {
        return CONFIG_ATTRIBUTES.getOrDefault(type, "attribute " + type);
    }

    /** The short name in a message's description, e.g. "ADDR", or the number. */
    static String configAttributeShort(int type) {
        return type > 0 && type < CONFIG_SHORT.length ? CONFIG_SHORT[type] : Integer.toString(type);
    }

    /** "IKE", "AH", "ESP" (IANA "IKEv2 Security Protocol Identifiers"). */
    static String protocol(int id) {
        return id == 1 ? "IKE" : id == 2 ? "AH" : id == 3 ? "ESP" : "protocol " + id;
    }

    /**
     * An address in text: dotted quad for 4 bytes, RFC 5952 for 16 (as {@link AddressText} writes it),
     * hex otherwise. Unlike InetAddress's own text, it neither resolves nor expands.
     */
    static String address(byte[] raw) {
        if (raw.length != 4 && raw.length != 16) {
            return java.util.HexFormat.of().formatHex(raw);
        }
        try {
            return AddressText.of(java.net.InetAddress.getByAddress(raw));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    static String transform(int type, int id) {
        switch (type) {
            case SecurityAssociation.ENCR: return ENCR.getOrDefault(id, "ENCR " + id);
            case SecurityAssociation.PRF: return PRF.getOrDefault(id, "PRF " + id);
            case SecurityAssociation.INTEG: return INTEG.getOrDefault(id, "INTEG " + id);
            case SecurityAssociation.DH: return keyExchange(id);
            case SecurityAssociation.ESN: return id == 0 ? "No ESN" : id == 1 ? "ESN" : "ESN " + id;
            default: return SecurityAssociation.additionalKeyExchange(type)
                    ? "ADDKE" + (type - SecurityAssociation.ADDKE1 + 1) + " " + keyExchange(id)
                    : "transform type " + type + " ID " + id;
        }
    }

    /** "DH group 19", or for the KEMs of the same registry "ML-KEM-768 (36)" (draft-ietf-ipsecme-ikev2-mlkem). */
    static String keyExchange(int id) {
        return MlKem.byId(id).map(k -> k.label() + " (" + id + ")").orElse("DH group " + id);
    }
}
