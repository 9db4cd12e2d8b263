package dev.wificall.ike;

import dev.wificall.ike.MalformedIkeException.Reason;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;

/**
 * One payload of an IKE message (RFC 7296 §3.2), without its generic header: the next-payload
 * field and the length belong to the chain and are computed by {@link IkeMessage#encode()}.
 * Each record parses its body from a reader fenced to the payload's length, checks its structure,
 * then its meaning (like strongSwan's verify()), and encodes itself beside its parser.
 * Byte arrays are not copied: treat them as read-only.
 */
public sealed interface IkePayload permits SecurityAssociation, IkePayload.KeyExchange, IkePayload.Nonce,
        IkePayload.Notify, IkePayload.VendorId, IkePayload.CertificateRequest, IkePayload.Identification,
        IkePayload.Certificate, IkePayload.Authentication, IkePayload.Eap, IkePayload.Configuration,
        IkePayload.TrafficSelectors, IkePayload.Delete, IkePayload.Unknown {
    int SA = 33;
    int KE = 34;
    int IDI = 35;
    int IDR = 36;
    int CERT = 37;
    int CERTREQ = 38;
    int AUTH = 39;
    int NONCE = 40;
    int NOTIFY = 41;
    int DELETE = 42;
    int VENDOR_ID = 43;
    int TSI = 44;
    int TSR = 45;
    int CP = 47;
    int EAP = 48;
    /** SK and SKF: their next-payload field names the first inner payload, so they end the chain. */
    int ENCRYPTED = 46;
    int ENCRYPTED_FRAGMENT = 53;

    /** The IANA payload type number. */
    int type();

    private static byte[] none() {
        return new byte[0];
    }

    private static MalformedIkeException invalid(int offset, String payload, String problem) {
        return invalid(offset, offset, payload, problem);
    }

    /** A problem at {@code at} inside the payload that starts at {@code offset} (an attribute, a selector). */
    private static MalformedIkeException invalid(int offset, int at, String payload, String problem) {
        return new MalformedIkeException(Reason.BAD_PAYLOAD, at, "bad " + payload + " payload at offset " + offset + ": " + problem);
    }

    /** KE (§3.4): the DH group and the public value. */
    record KeyExchange(int group, byte[] data) implements IkePayload {
        @Override
        public int type() {
            return KE;
        }

        /** The group, when this probe knows it. */
        public Optional<DhGroup> dhGroup() {
            return DhGroup.byId(group);
        }

        static KeyExchange parse(IkeReader r, int offset) throws MalformedIkeException {
            int group = r.u16("KE group");
            r.u16("KE reserved");
            KeyExchange ke = new KeyExchange(group, r.rest());
            Optional<DhGroup> known = DhGroup.byId(ke.group);
            if (known.isPresent() && ke.data.length != known.get().publicValueLength()) {
                throw invalid(offset, "KE", "DH group " + ke.group + " public value is " + ke.data.length
                        + " bytes, expected " + known.get().publicValueLength());
            }
            if (ke.data.length == 0) {
                throw invalid(offset, "KE", "empty public value for DH group " + ke.group);
            }
            return ke;
        }

        void encode(IkeWriter w) {
            w.u16(group).u16(0).bytes(data);
        }
    }

    /** Nonce (§3.9): 16 to 256 random bytes. */
    record Nonce(byte[] data) implements IkePayload {
        @Override
        public int type() {
            return NONCE;
        }

        static Nonce parse(IkeReader r, int offset) throws MalformedIkeException {
            Nonce n = new Nonce(r.rest());
            if (n.data.length < 16 || n.data.length > 256) {
                throw invalid(offset, "Nonce", "nonce is " + n.data.length + " bytes, RFC 7296 allows 16 to 256");
            }
            return n;
        }

        void encode(IkeWriter w) {
            w.bytes(data);
        }
    }

    /** NOTIFY (§3.10): a type below 16384 is an error, at or above a status. */
    record Notify(int protocolId, byte[] spi, int notifyType, byte[] data) implements IkePayload {
        public static final int INVALID_SYNTAX = 7;
        public static final int NO_PROPOSAL_CHOSEN = 14;
        public static final int INVALID_KE_PAYLOAD = 17;
        public static final int AUTHENTICATION_FAILED = 24;
        public static final int INTERNAL_ADDRESS_FAILURE = 36;
        public static final int FAILED_CP_REQUIRED = 37;
        public static final int TS_UNACCEPTABLE = 38;
        // 3GPP TS 24.302 table 8.1.2.2-1: private errors an ePDG sends in IKE_AUTH (still below 16384)
        public static final int PDN_CONNECTION_REJECTION = 8192;
        public static final int MAX_CONNECTION_REACHED = 8193;
        public static final int NON_3GPP_ACCESS_TO_EPC_NOT_ALLOWED = 9000;
        public static final int USER_UNKNOWN = 9001;
        public static final int NO_APN_SUBSCRIPTION = 9002;
        public static final int AUTHORIZATION_REJECTED = 9003;
        public static final int ILLEGAL_ME = 9006;
        public static final int NETWORK_FAILURE = 10500;
        public static final int RAT_TYPE_NOT_ALLOWED = 11001;
        public static final int IMEI_NOT_ACCEPTED = 11005;
        public static final int PLMN_NOT_ALLOWED = 11011;
        public static final int UNAUTHENTICATED_EMERGENCY_NOT_SUPPORTED = 11055;
        public static final int IPCOMP_SUPPORTED = 16387;
        public static final int NAT_DETECTION_SOURCE_IP = 16388;
        public static final int NAT_DETECTION_DESTINATION_IP = 16389;
        public static final int COOKIE = 16390;
        public static final int ADDITIONAL_IP4_ADDRESS = 16397;
        public static final int ADDITIONAL_IP6_ADDRESS = 16398;
        public static final int AUTH_LIFETIME = 16403;
        public static final int REDIRECT = 16407;
        public static final int EAP_ONLY_AUTHENTICATION = 16417;
        public static final int CHILDLESS_IKEV2_SUPPORTED = 16418;
        public static final int IKEV2_MESSAGE_ID_SYNC_SUPPORTED = 16420;
        public static final int IKEV2_FRAGMENTATION_SUPPORTED = 16430;
        public static final int SIGNATURE_HASH_ALGORITHMS = 16431;
        /** RFC 9242 §3.1: empty, in IKE_SA_INIT, both ways. */
        public static final int INTERMEDIATE_EXCHANGE_SUPPORTED = 16438;

        /** A notify about the IKE SA itself: no protocol, no SPI. */
        public static Notify of(int notifyType, byte[] data) {
            return new Notify(0, none(), notifyType, data);
        }

        @Override
        public int type() {
            return NOTIFY;
        }

        /** Below 16384: the IANA errors and the 3GPP private errors (8192 to 16383) alike. */
        public boolean isError() {
            return notifyType < 16384;
        }

        /** The IANA name, e.g. "NO_PROPOSAL_CHOSEN", or "status notify 40001" when unknown. */
        public String name() {
            return IkeNames.notify(notifyType);
        }

        static Notify parse(IkeReader r, int offset) throws MalformedIkeException {
            int protocol = r.u8("NOTIFY protocol ID");
            int spiSize = r.u8("NOTIFY SPI size");
            int type = r.u16("NOTIFY type");
            Notify n = new Notify(protocol, r.bytes(spiSize, "NOTIFY SPI"), type, r.rest());
            n.verify(offset);
            return n;
        }

        private void verify(int offset) throws MalformedIkeException {
            int size = spi.length;
            boolean spiOk = protocolId == 0 ? size == 0 : protocolId == 1 ? size == 0 || size == 8
                    : (protocolId == 2 || protocolId == 3) && size == 4;
            if (!spiOk) {
                throw invalid(offset, "NOTIFY", name() + " with protocol ID " + protocolId + " and a " + size + "-byte SPI");
            }
            int n = data.length;
            String problem = null;
            switch (notifyType) {
                case NAT_DETECTION_SOURCE_IP:
                case NAT_DETECTION_DESTINATION_IP:
                    problem = n == 20 ? null : "data is " + n + " bytes, expected a 20-byte SHA-1 hash";
                    break;
                case COOKIE:
                    problem = n >= 1 && n <= 64 ? null : "cookie is " + n + " bytes, RFC 7296 allows 1 to 64";
                    break;
                case INVALID_KE_PAYLOAD:
                    problem = n == 2 ? null : "data is " + n + " bytes, expected the 2-byte DH group";
                    break;
                case IKEV2_FRAGMENTATION_SUPPORTED:
                    problem = n == 0 ? null : "carries " + n + " bytes of data, expected none";
                    break;
                case SIGNATURE_HASH_ALGORITHMS:
                    problem = n % 2 == 0 ? null : "data is " + n + " bytes, not a list of 2-byte hash algorithm IDs";
                    break;
                case ADDITIONAL_IP4_ADDRESS:
                case AUTH_LIFETIME:
                    problem = n == 4 ? null : "data is " + n + " bytes, expected 4";
                    break;
                case ADDITIONAL_IP6_ADDRESS:
                    problem = n == 16 ? null : "data is " + n + " bytes, expected 16";
                    break;
                case IPCOMP_SUPPORTED:
                    problem = n == 3 ? null : "data is " + n + " bytes, expected a 2-byte CPI and a transform ID";
                    break;
                // strongSwan also wants NO_PROPOSAL_CHOSEN empty; a probe keeps the refusal instead of calling it malformed
                default:
                    break;
            }
            if (problem != null) {
                throw invalid(offset, "NOTIFY", name() + " " + problem);
            }
        }

        void encode(IkeWriter w) {
            w.u8(protocolId).u8(spi.length).u16(notifyType).bytes(spi).bytes(data);
        }
    }

    /** Vendor ID (§3.12): opaque, usually a hash naming the implementation. */
    record VendorId(byte[] data) implements IkePayload {
        @Override
        public int type() {
            return VENDOR_ID;
        }

        /** The implementation, when these bytes are a well-known Vendor ID, e.g. "strongSwan". */
        public Optional<String> vendor() {
            return VendorIds.vendor(data);
        }

        public String hex() {
            return HexFormat.of().formatHex(data);
        }

        /** The vendor's name, or the bytes in hex when unknown. */
        public String describe() {
            return vendor().orElseGet(this::hex);
        }

        static VendorId parse(IkeReader r) {
            return new VendorId(r.rest());
        }

        void encode(IkeWriter w) {
            w.bytes(data);
        }
    }

    /**
     * CERTREQ (§3.7): the certificate encoding and the Certification Authority field, which for the
     * X.509 encodings (4, 12, 13) is a concatenation of SHA-1 hashes of trusted CAs' public keys.
     */
    record CertificateRequest(int encoding, byte[] authorities) implements IkePayload {
        public static final int X509_SIGNATURE = 4;
        static final int HASH_LENGTH = 20;

        @Override
        public int type() {
            return CERTREQ;
        }

        /** Whether the authorities are SHA-1 key hashes (X.509 signature, hash and URL of X.509 certificate or bundle). */
        public boolean x509() {
            return encoding == X509_SIGNATURE || encoding == 12 || encoding == 13;
        }

        /** The CA key hashes in hex, 40 digits each; empty for other encodings. */
        public List<String> authorityHashes() {
            List<String> hashes = new ArrayList<>();
            if (x509()) {
                for (int i = 0; i + HASH_LENGTH <= authorities.length; i += HASH_LENGTH) {
                    hashes.add(HexFormat.of().formatHex(Arrays.copyOfRange(authorities, i, i + HASH_LENGTH)));
                }
            }
            return hashes;
        }

        /** The IANA name of the encoding, e.g. "X.509 signature". */
        public String encodingName() {
            return IkeNames.certificateEncoding(encoding);
        }

        static CertificateRequest parse(IkeReader r, int offset) throws MalformedIkeException {
            CertificateRequest c = new CertificateRequest(r.u8("CERTREQ encoding"), r.rest());
            // strongSwan also rejects an empty list; a probe keeps it: the responder still asks for a certificate
            if (c.x509() && c.authorities.length % HASH_LENGTH != 0) {
                throw invalid(offset, "CERTREQ", c.encodingName() + " authorities are " + c.authorities.length
                        + " bytes, not a multiple of the 20-byte SHA-1 key hash");
            }
            return c;
        }

        void encode(IkeWriter w) {
            w.u8(encoding).bytes(authorities);
        }
    }

    /**
     * IDi and IDr (§3.5): the ID type and its data, the name without terminator for ID_FQDN and
     * ID_RFC822_ADDR, the 4 or 16 address bytes, or the DER encoding of a distinguished name.
     */
    record Identification(boolean initiator, int idType, byte[] data) implements IkePayload {
        public static final int ID_IPV4_ADDR = 1;
        public static final int ID_FQDN = 2;
        public static final int ID_RFC822_ADDR = 3;
        public static final int ID_IPV6_ADDR = 5;
        public static final int ID_DER_ASN1_DN = 9;
        public static final int ID_KEY_ID = 11;

        /** An ID_FQDN, e.g. IDr "ims": the APN a UE asks the ePDG for (TS 24.302). */
        public static Identification fqdn(boolean initiator, String name) {
            byte[] data = name.getBytes(StandardCharsets.UTF_8);
            String problem = textProblem(ID_FQDN, data);
            if (problem != null) {
                throw new IllegalArgumentException(problem + ": \"" + name + "\"");
            }
            return new Identification(initiator, ID_FQDN, data);
        }

        /** An ID_RFC822_ADDR, e.g. IDi "0262011234567890@nai.epc.mnc001.mcc262.3gppnetwork.org" (the NAI). */
        public static Identification rfc822(boolean initiator, String address) {
            byte[] data = address.getBytes(StandardCharsets.UTF_8);
            String problem = textProblem(ID_RFC822_ADDR, data);
            if (problem != null) {
                throw new IllegalArgumentException(problem + ": \"" + address + "\"");
            }
            return new Identification(initiator, ID_RFC822_ADDR, data);
        }

        @Override
        public int type() {
            return initiator ? IDI : IDR;
        }

        /** The IANA name of the ID type, e.g. "ID_FQDN". */
        public String idTypeName() {
            return IkeNames.idType(idType);
        }

        /** The identity as text: names as they are, addresses as text, a DN per RFC 2253, anything else in hex. */
        public String text() {
            switch (idType) {
                case ID_FQDN:
                case ID_RFC822_ADDR:
                    return new String(data, StandardCharsets.UTF_8);
                case ID_IPV4_ADDR:
                case ID_IPV6_ADDR:
                    return IkeNames.address(data);
                case ID_DER_ASN1_DN:
                    try {
                        return new X500Principal(data).getName(X500Principal.RFC2253);
                    } catch (IllegalArgumentException notDer) {
                        return HexFormat.of().formatHex(data);
                    }
                default:
                    return HexFormat.of().formatHex(data);
            }
        }

        /** IDi' or IDr' of RFC 7296 §2.15, which the AUTH payload signs: the body without the generic header. */
        public byte[] body() {
            IkeWriter w = new IkeWriter();
            encode(w);
            return w.toByteArray();
        }

        static Identification parse(boolean initiator, IkeReader r, int offset) throws MalformedIkeException {
            String name = initiator ? "IDi" : "IDr";
            int idType = r.u8(name + " ID type");
            r.skip(3, name + " reserved"); // MUST be ignored on receipt
            Identification id = new Identification(initiator, idType, r.rest());
            int n = id.data.length;
            String problem;
            if (idType == 0) {
                problem = "ID type 0 is reserved";
            } else if (idType == ID_IPV4_ADDR && n != 4 || idType == ID_IPV6_ADDR && n != 16) {
                problem = id.idTypeName() + " data is " + n + " bytes, expected a " + (idType == ID_IPV4_ADDR ? 4 : 16)
                        + "-byte address";
            } else if (idType == ID_DER_ASN1_DN && n == 0) {
                problem = "empty ID_DER_ASN1_DN";
            } else {
                problem = textProblem(idType, id.data);
            }
            if (problem != null) {
                throw invalid(offset, name, problem);
            }
            return id;
        }

        /** RFC 7296 §3.5: FQDNs are ASCII, and neither kind of name may hold terminators (NUL, CR ...). */
        private static String textProblem(int idType, byte[] data) {
            if (idType != ID_FQDN && idType != ID_RFC822_ADDR) {
                return null;
            }
            String kind = IkeNames.idType(idType);
            if (data.length == 0) {
                return "empty " + kind;
            }
            for (int i = 0; i < data.length; i++) {
                int c = data[i] & 0xFF;
                if (c < 0x20 || c == 0x7F) {
                    return String.format("%s holds control character 0x%02x at index %d, RFC 7296 allows no terminators", kind, c, i);
                }
                if (c > 0x7F && idType == ID_FQDN) {
                    return String.format("ID_FQDN holds non-ASCII byte 0x%02x at index %d, RFC 7296 wants ASCII (IDNs as A-labels)", c, i);
                }
            }
            return null;
        }

        void encode(IkeWriter w) {
            w.u8(idType).u8(0).u16(0).bytes(data);
        }
    }

    /** CERT (§3.6): the encoding and the certificate, DER for X.509 signature. */
    record Certificate(int encoding, byte[] data) implements IkePayload {
        public static final int X509_SIGNATURE = 4;

        @Override
        public int type() {
            return CERT;
        }

        /** The IANA name of the encoding, e.g. "X.509 signature". */
        public String encodingName() {
            return IkeNames.certificateEncoding(encoding);
        }

        static Certificate parse(IkeReader r, int offset) throws MalformedIkeException {
            Certificate c = new Certificate(r.u8("CERT encoding"), r.rest());
            if (c.data.length == 0) {
                throw invalid(offset, "CERT", c.encodingName() + " certificate data is empty");
            }
            return c;
        }

        void encode(IkeWriter w) {
            w.u8(encoding).bytes(data);
        }
    }

    /** AUTH (§3.8): the method and the signature or MIC over the octets of §2.15. */
    record Authentication(int method, byte[] data) implements IkePayload {
        public static final int RSA_DIGITAL_SIGNATURE = 1;
        public static final int SHARED_KEY_MIC = 2;
        public static final int DSS = 3;
        public static final int ECDSA_SHA256_P256 = 9;
        public static final int ECDSA_SHA384_P384 = 10;
        public static final int ECDSA_SHA512_P521 = 11;
        public static final int DIGITAL_SIGNATURE = 14;

        @Override
        public int type() {
            return AUTH;
        }

        /** The IANA name of the method, e.g. "Digital Signature". */
        public String methodName() {
            return IkeNames.authMethod(method);
        }

        static Authentication parse(IkeReader r, int offset) throws MalformedIkeException {
            int method = r.u8("AUTH method");
            r.skip(3, "AUTH reserved"); // MUST be ignored on receipt
            Authentication a = new Authentication(method, r.rest());
            int n = a.data.length;
            // RFC 4754 §7: the ECDSA signature is r | s, each as long as the curve's order
            int ecdsa = method == ECDSA_SHA256_P256 ? 64 : method == ECDSA_SHA384_P384 ? 96 : method == ECDSA_SHA512_P521 ? 132 : 0;
            if (n == 0) {
                throw invalid(offset, "AUTH", a.methodName() + " without authentication data");
            }
            if (ecdsa > 0 && n != ecdsa) {
                throw invalid(offset, "AUTH", a.methodName() + " signature is " + n + " bytes, expected r | s of " + ecdsa);
            }
            return a;
        }

        void encode(IkeWriter w) {
            w.u8(method).u8(0).u16(0).bytes(data);
        }
    }

    /** EAP (§3.16): one EAP packet (RFC 3748), decoded by dev.wificall.eap; here only its framing is checked. */
    record Eap(byte[] message) implements IkePayload {
        private static final int EAP_HEADER = 4;

        @Override
        public int type() {
            return EAP;
        }

        static Eap parse(IkeReader r, int offset) throws MalformedIkeException {
            r.require(EAP_HEADER, "EAP header");
            Eap eap = new Eap(r.rest());
            int declared = (eap.message[2] & 0xFF) << 8 | eap.message[3] & 0xFF;
            if (declared != eap.message.length) {
                throw invalid(offset, "EAP", "EAP length field says " + declared + " bytes but the payload carries "
                        + eap.message.length);
            }
            return eap;
        }

        void encode(IkeWriter w) {
            w.bytes(message);
        }
    }

    /**
     * CP (§3.15): a request (attributes with empty values: "give me an address, DNS, P-CSCF"), a reply, a
     * set or an acknowledgement.
     */
    record Configuration(int cfgType, List<ConfigAttribute> attributes) implements IkePayload {
        public static final int CFG_REQUEST = 1;
        public static final int CFG_REPLY = 2;
        public static final int CFG_SET = 3;
        public static final int CFG_ACK = 4;

        public Configuration {
            attributes = List.copyOf(attributes);
        }

        /** A CFG_REQUEST for these attribute types, each with an empty value. */
        public static Configuration request(int... attributeTypes) {
            List<ConfigAttribute> wanted = new ArrayList<>();
            for (int t : attributeTypes) {
                wanted.add(ConfigAttribute.request(t));
            }
            return new Configuration(CFG_REQUEST, wanted);
        }

        @Override
        public int type() {
            return CP;
        }

        /** The addresses of the attributes of one type, in payload order; empty values are skipped. */
        public List<InetAddress> addresses(int attributeType) {
            return attributes.stream().filter(a -> a.type() == attributeType).map(ConfigAttribute::address)
                    .flatMap(Optional::stream).collect(Collectors.toList());
        }

        /** As strongSwan logs it, e.g. "CPRQ(ADDR DNS P-CSCF)" or "CPRP(ADDR6 DNS6)". */
        public String describe() {
            String kind = cfgType == CFG_REQUEST ? "CPRQ" : cfgType == CFG_REPLY ? "CPRP" : cfgType == CFG_SET ? "CPS"
                    : cfgType == CFG_ACK ? "CPA" : "CP";
            return attributes.isEmpty() ? kind : attributes.stream().map(a -> IkeNames.configAttributeShort(a.type()))
                    .collect(Collectors.joining(" ", kind + "(", ")"));
        }

        static Configuration parse(IkeReader r, int offset) throws MalformedIkeException {
            int cfgType = r.u8("CP type");
            r.skip(3, "CP reserved"); // MUST be ignored on receipt
            List<ConfigAttribute> attributes = new ArrayList<>();
            while (r.remaining() > 0) {
                int at = r.offset();
                int type = r.u16("CP attribute header") & 0x7FFF; // the reserved bit is ignored on receipt
                byte[] value = r.bytes(r.u16("CP attribute header"), "CP attribute value");
                ConfigAttribute a = new ConfigAttribute(type, value);
                String expected = a.expectedLengths();
                if (expected != null) {
                    throw invalid(offset, at, "CP", a.name() + " attribute at offset " + at + " is " + value.length
                            + " bytes, expected " + expected);
                }
                if ((type == ConfigAttribute.INTERNAL_IP6_ADDRESS || type == ConfigAttribute.INTERNAL_IP6_SUBNET)
                        && value.length == 17 && (value[16] & 0xFF) > 128) {
                    throw invalid(offset, at, "CP", a.name() + " attribute at offset " + at + " has prefix length "
                            + (value[16] & 0xFF) + ", more than 128");
                }
                attributes.add(a);
            }
            return new Configuration(cfgType, attributes);
        }

        void encode(IkeWriter w) {
            w.u8(cfgType).u8(0).u16(0);
            for (ConfigAttribute a : attributes) {
                w.u16(a.type()).u16(a.value().length).bytes(a.value());
            }
        }
    }

    /**
     * One configuration attribute (§3.15.1): a 15-bit type (the reserved bit above it is sent as 0) and a
     * value, empty in a request. INTERNAL_IP6_ADDRESS carries 16 address bytes and a prefix length.
     */
    record ConfigAttribute(int type, byte[] value) {
        public static final int INTERNAL_IP4_ADDRESS = 1;
        public static final int INTERNAL_IP4_NETMASK = 2;
        public static final int INTERNAL_IP4_DNS = 3;
        public static final int INTERNAL_IP6_ADDRESS = 8;
        public static final int INTERNAL_IP6_DNS = 10;
        public static final int INTERNAL_IP4_SUBNET = 13;
        public static final int INTERNAL_IP6_SUBNET = 15;
        /** RFC 7651: the P-CSCF addresses a UE needs for IMS over the ePDG. */
        public static final int P_CSCF_IP4_ADDRESS = 20;
        public static final int P_CSCF_IP6_ADDRESS = 21;

        public ConfigAttribute {
            if (type < 0 || type > 0x7FFF) {
                throw new IllegalArgumentException("a configuration attribute type has 15 bits, not " + type);
            }
            if (value.length > 0xFFFF) {
                throw new IllegalArgumentException("a configuration attribute value of " + value.length
                        + " bytes does not fit its 16-bit length");
            }
        }

        /** The attribute as a CFG_REQUEST asks for it: no value. */
        public static ConfigAttribute request(int type) {
            return new ConfigAttribute(type, new byte[0]);
        }

        /** The IANA name, e.g. "INTERNAL_IP4_ADDRESS". */
        public String name() {
            return IkeNames.configAttribute(type);
        }

        /** The address of a 4, 16 or 17-byte (address and prefix length) value; empty otherwise. */
        public Optional<InetAddress> address() {
            if (value.length != 4 && value.length != 16 && value.length != 17) {
                return Optional.empty();
            }
            try {
                return Optional.of(InetAddress.getByAddress(Arrays.copyOf(value, value.length == 4 ? 4 : 16)));
            } catch (UnknownHostException cannotHappen) {
                throw new IllegalStateException(cannotHappen);
            }
        }

        /** e.g. "INTERNAL_IP4_ADDRESS 10.45.0.1", "INTERNAL_IP6_ADDRESS fd00::2/64", "INTERNAL_IP4_DNS" when empty. */
        public String describe() {
            if (value.length == 0) {
                return name();
            }
            int fixed = expectedLength();
            String text;
            if (value.length != fixed) {
                text = HexFormat.of().formatHex(value);
            } else if (fixed == 17) {
                text = IkeNames.address(Arrays.copyOf(value, 16)) + "/" + (value[16] & 0xFF);
            } else if (fixed == 8) {
                text = IkeNames.address(Arrays.copyOf(value, 4)) + "/" + IkeNames.address(Arrays.copyOfRange(value, 4, 8));
            } else {
                text = IkeNames.address(value);
            }
            return name() + " " + text;
        }

        /** The value length a non-empty attribute of a type RFC 7296 or RFC 7651 fixes, or -1. */
        private int expectedLength() {
            switch (type) {
                case INTERNAL_IP4_ADDRESS:
                case INTERNAL_IP4_NETMASK:
                case INTERNAL_IP4_DNS:
                case 4: // INTERNAL_IP4_NBNS
                case 6: // INTERNAL_IP4_DHCP
                case P_CSCF_IP4_ADDRESS:
                    return 4;
                case INTERNAL_IP4_SUBNET:
                    return 8;
                case INTERNAL_IP6_DNS:
                case 12: // INTERNAL_IP6_DHCP
                case P_CSCF_IP6_ADDRESS:
                    return 16;
                case INTERNAL_IP6_ADDRESS:
                case INTERNAL_IP6_SUBNET:
                    return 17;
                default:
                    return -1;
            }
        }

        /** What the lengths should have been, or null when this value's length is fine. */
        private String expectedLengths() {
            int fixed = expectedLength();
            if (fixed > 0) {
                return value.length == 0 || value.length == fixed ? null : "0 or " + fixed;
            }
            // SUPPORTED_ATTRIBUTES lists 2-byte attribute types
            return type == 14 && value.length % 2 != 0 ? "a multiple of 2" : null;
        }

        // by value, so that attributes decoded twice compare equal
        @Override
        public boolean equals(Object o) {
            return o instanceof ConfigAttribute && ((ConfigAttribute) o).type == type && Arrays.equals(((ConfigAttribute) o).value, value);
        }

        @Override
        public int hashCode() {
            return type * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "ConfigAttribute[" + describe() + "]";
        }
    }

    /** TSi and TSr (§3.13): the traffic selectors the initiator or the responder proposes for a Child SA. */
    record TrafficSelectors(boolean initiator, List<TrafficSelector> selectors) implements IkePayload {
        public TrafficSelectors {
            selectors = List.copyOf(selectors);
        }

        @Override
        public int type() {
            return initiator ? TSI : TSR;
        }

        /** The selectors as strongSwan logs them, e.g. "10.45.0.1/32 fd00::2/128". */
        public String describe() {
            return selectors.stream().map(TrafficSelector::describe).collect(Collectors.joining(" "));
        }

        static TrafficSelectors parse(boolean initiator, IkeReader r, int offset) throws MalformedIkeException {
            String name = initiator ? "TSi" : "TSr";
            int count = r.u8(name + " number of TSs");
            r.skip(3, name + " reserved"); // MUST be ignored on receipt
            if (count == 0) {
                throw invalid(offset, name, "carries no traffic selector");
            }
            List<TrafficSelector> selectors = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                if (r.remaining() == 0) {
                    throw new MalformedIkeException(Reason.BAD_LENGTH, offset, "bad " + name + " payload at offset " + offset
                            + ": declares " + count + " traffic selectors but carries " + i);
                }
                selectors.add(TrafficSelector.parse(name, r, offset));
            }
            if (r.remaining() > 0) {
                throw new MalformedIkeException(Reason.BAD_LENGTH, r.offset(), "bad " + name + " payload at offset " + offset
                        + ": " + r.remaining() + " bytes at offset " + r.offset() + " after its " + count + " traffic selectors");
            }
            return new TrafficSelectors(initiator, selectors);
        }

        void encode(IkeWriter w) {
            w.u8(selectors.size()).u8(0).u16(0);
            for (TrafficSelector ts : selectors) {
                int start = w.position();
                w.u8(ts.tsType()).u8(ts.ipProtocol()).u16(0).u16(ts.startPort()).u16(ts.endPort())
                        .bytes(ts.startAddress()).bytes(ts.endAddress());
                w.patchLength16(start + 2, start);
            }
        }
    }

    /**
     * One traffic selector (§3.13.1): an address range, an IP protocol (0 for any) and a port range (0 to
     * 65535 for any; 65535 to 0 for OPAQUE).
     */
    record TrafficSelector(int tsType, int ipProtocol, int startPort, int endPort, byte[] startAddress, byte[] endAddress) {
        public static final int TS_IPV4_ADDR_RANGE = 7;
        public static final int TS_IPV6_ADDR_RANGE = 8;

        public TrafficSelector {
            int length = tsType == TS_IPV4_ADDR_RANGE ? 4 : tsType == TS_IPV6_ADDR_RANGE ? 16 : -1;
            if (length < 0) {
                throw new IllegalArgumentException("traffic selector type " + tsType + ", expected 7 (TS_IPV4_ADDR_RANGE) "
                        + "or 8 (TS_IPV6_ADDR_RANGE)");
            }
            if (startAddress.length != length || endAddress.length != length) {
                throw new IllegalArgumentException("traffic selector type " + tsType + " takes " + length + "-byte addresses, not "
                        + startAddress.length + " and " + endAddress.length);
            }
            if (ipProtocol < 0 || ipProtocol > 255 || startPort < 0 || startPort > 0xFFFF || endPort < 0 || endPort > 0xFFFF) {
                throw new IllegalArgumentException("traffic selector with IP protocol " + ipProtocol + " and ports "
                        + startPort + "-" + endPort + " out of range");
            }
        }

        /** 0.0.0.0 to 255.255.255.255, any protocol and port: what a UE proposes before it has an address. */
        public static TrafficSelector allIpv4() {
            return new TrafficSelector(TS_IPV4_ADDR_RANGE, 0, 0, 0xFFFF, new byte[4], filled(4));
        }

        /** :: to ffff:...:ffff, any protocol and port. */
        public static TrafficSelector allIpv6() {
            return new TrafficSelector(TS_IPV6_ADDR_RANGE, 0, 0, 0xFFFF, new byte[16], filled(16));
        }

        /** From {@code start} to {@code end} (the same family), any protocol and port. */
        public static TrafficSelector range(InetAddress start, InetAddress end) {
            byte[] s = start.getAddress();
            byte[] e = end.getAddress();
            return new TrafficSelector(s.length == 4 ? TS_IPV4_ADDR_RANGE : TS_IPV6_ADDR_RANGE, 0, 0, 0xFFFF, s, e);
        }

        /** One address, any protocol and port, e.g. the inner address the ePDG assigned. */
        public static TrafficSelector host(InetAddress address) {
            return range(address, address);
        }

        /**
         * In the manner of strongSwan: "10.45.0.1/32", "0.0.0.0/0", a range as "10.0.0.1..10.0.0.9", and
         * a protocol or port restriction in brackets, e.g. "10.0.0.0/8[udp/4500]" or "::/0[tcp/1024-65535]".
         */
        public String describe() {
            int prefix = prefixLength();
            String s = prefix >= 0 ? IkeNames.address(startAddress) + "/" + prefix
                    : IkeNames.address(startAddress) + ".." + IkeNames.address(endAddress);
            boolean anyPort = startPort == 0 && endPort == 0xFFFF;
            if (ipProtocol == 0 && anyPort) {
                return s;
            }
            String protocol = ipProtocol == 6 ? "tcp" : ipProtocol == 17 ? "udp" : ipProtocol == 1 ? "icmp"
                    : ipProtocol == 58 ? "ipv6-icmp" : Integer.toString(ipProtocol);
            String ports = anyPort ? "" : startPort == 0xFFFF && endPort == 0 ? "/OPAQUE"
                    : startPort == endPort ? "/" + startPort : "/" + startPort + "-" + endPort;
            return s + "[" + protocol + ports + "]";
        }

        /** The prefix length when the range is exactly one CIDR block, else -1. */
        private int prefixLength() {
            int bits = startAddress.length * 8;
            int prefix = 0;
            while (prefix < bits && bit(startAddress, prefix) == bit(endAddress, prefix)) {
                prefix++;
            }
            for (int i = prefix; i < bits; i++) {
                if (bit(startAddress, i) != 0 || bit(endAddress, i) != 1) {
                    return -1;
                }
            }
            return prefix;
        }

        private static int bit(byte[] b, int i) {
            return b[i / 8] >>> (7 - i % 8) & 1;
        }

        private static byte[] filled(int n) {
            byte[] b = new byte[n];
            Arrays.fill(b, (byte) 0xFF);
            return b;
        }

        static TrafficSelector parse(String payload, IkeReader r, int offset) throws MalformedIkeException {
            int start = r.offset();
            int tsType = r.u8("traffic selector header");
            int protocol = r.u8("traffic selector header");
            int length = r.u16("traffic selector header");
            IkeReader body = r.fence(start, length, "traffic selector");
            int addressLength = tsType == TS_IPV4_ADDR_RANGE ? 4 : tsType == TS_IPV6_ADDR_RANGE ? 16 : -1;
            if (addressLength < 0) {
                throw invalid(offset, start, payload, "traffic selector at offset " + start + " has type " + tsType
                        + ", expected 7 (TS_IPV4_ADDR_RANGE) or 8 (TS_IPV6_ADDR_RANGE)");
            }
            if (length != 8 + 2 * addressLength) {
                throw new MalformedIkeException(Reason.BAD_LENGTH, start, "bad " + payload + " payload at offset " + offset
                        + ": traffic selector at offset " + start + " of type " + tsType + " is " + length + " bytes, expected "
                        + (8 + 2 * addressLength));
            }
            int startPort = body.u16("traffic selector start port");
            int endPort = body.u16("traffic selector end port");
            byte[] from = body.bytes(addressLength, "traffic selector starting address");
            byte[] to = body.bytes(addressLength, "traffic selector ending address");
            boolean opaque = startPort == 0xFFFF && endPort == 0; // RFC 7296 §3.13.1
            if (startPort > endPort && !opaque) {
                throw invalid(offset, start, payload, "traffic selector at offset " + start + " has start port " + startPort
                        + " above end port " + endPort);
            }
            return new TrafficSelector(tsType, protocol, startPort, endPort, from, to);
        }

        // by value, so that selectors decoded twice compare equal
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof TrafficSelector)) {
                return false;
            }
            TrafficSelector t = (TrafficSelector) o;
            return t.tsType == tsType && t.ipProtocol == ipProtocol && t.startPort == startPort && t.endPort == endPort
                    && Arrays.equals(t.startAddress, startAddress) && Arrays.equals(t.endAddress, endAddress);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tsType, ipProtocol, startPort, endPort) * 31 * 31 + Arrays.hashCode(startAddress) * 31
                    + Arrays.hashCode(endAddress);
        }

        @Override
        public String toString() {
            return "TrafficSelector[" + describe() + "]";
        }
    }

    /** DELETE (§3.11): the SAs to delete, the IKE SA itself (protocol 1, no SPI) or Child SAs by their SPIs. */
    record Delete(int protocolId, int spiSize, List<byte[]> spis) implements IkePayload {
        public Delete {
            spis = List.copyOf(spis);
            for (byte[] spi : spis) {
                if (spi.length != spiSize) {
                    throw new IllegalArgumentException("a " + spi.length + "-byte SPI in a DELETE of " + spiSize + "-byte SPIs");
                }
            }
        }

        /** Deletes the IKE SA whose SPIs are in the message header. */
        public static Delete ikeSa() {
            return new Delete(SecurityAssociation.PROTOCOL_IKE, 0, List.of());
        }

        /** Deletes ESP SAs by their 4-byte inbound SPIs. */
        public static Delete esp(List<byte[]> spis) {
            return new Delete(SecurityAssociation.PROTOCOL_ESP, 4, spis);
        }

        @Override
        public int type() {
            return DELETE;
        }

        static Delete parse(IkeReader r, int offset) throws MalformedIkeException {
            int protocol = r.u8("DELETE protocol ID");
            int spiSize = r.u8("DELETE SPI size");
            int count = r.u16("DELETE number of SPIs");
            // §3.11: the SPI size MUST be 0 for IKE (its SPIs are in the header) and 4 for AH and ESP
            boolean ike = protocol == SecurityAssociation.PROTOCOL_IKE;
            if (ike ? spiSize != 0 || count != 0 : protocol != 2 && protocol != 3 || spiSize != 4) {
                throw invalid(offset, "DELETE", IkeNames.protocol(protocol) + " with a " + spiSize + "-byte SPI size and "
                        + count + " SPIs; expected IKE with none, or AH or ESP with 4-byte SPIs");
            }
            if (r.remaining() != count * spiSize) {
                throw new MalformedIkeException(Reason.BAD_LENGTH, offset, "bad DELETE payload at offset " + offset
                        + ": declares " + count + " SPIs of " + spiSize + " bytes but " + r.remaining() + " bytes follow");
            }
            List<byte[]> spis = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                spis.add(r.bytes(spiSize, "DELETE SPI"));
            }
            return new Delete(protocol, spiSize, spis);
        }

        void encode(IkeWriter w) {
            w.u8(protocolId).u8(spiSize).u16(spis.size());
            spis.forEach(w::bytes);
        }
    }

    /** Any payload this codec does not decode (yet), kept raw with its critical bit. */
    record Unknown(int type, boolean critical, byte[] body) implements IkePayload {
        static Unknown parse(int type, boolean critical, IkeReader r) {
            return new Unknown(type, critical, r.rest());
        }

        void encode(IkeWriter w) {
            w.bytes(body);
        }
    }
}
