package dev.wificall.ike;

import dev.wificall.ike.MalformedIkeException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One payload of an IKE message (RFC 7296 §3.2), without its generic header: the next-payload
 * field and the length belong to the chain and are computed by {@link IkeMessage#encode()}.
 * Each record parses its body from a reader fenced to the payload's length, checks its structure,
 * then its meaning (like strongSwan's verify()), and encodes itself beside its parser.
 * Byte arrays are not copied: treat them as read-only.
 */
public sealed interface IkePayload permits SecurityAssociation, IkePayload.KeyExchange, IkePayload.Nonce,
        IkePayload.Notify, IkePayload.VendorId, IkePayload.CertificateRequest, IkePayload.Unknown {
    int SA = 33;
    int KE = 34;
    int CERTREQ = 38;
    int NONCE = 40;
    int NOTIFY = 41;
    int VENDOR_ID = 43;
    /** SK and SKF: their next-payload field names the first inner payload, so they end the chain. */
    int ENCRYPTED = 46;
    int ENCRYPTED_FRAGMENT = 53;

    /** The IANA payload type number. */
    int type();

    private static byte[] none() {
        return new byte[0];
    }

    private static MalformedIkeException invalid(int offset, String payload, String problem) {
        return new MalformedIkeException(Reason.BAD_PAYLOAD, offset, "bad " + payload + " payload at offset " + offset + ": " + problem);
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
        public static final int NO_PROPOSAL_CHOSEN = 14;
        public static final int INVALID_KE_PAYLOAD = 17;
        public static final int IPCOMP_SUPPORTED = 16387;
        public static final int NAT_DETECTION_SOURCE_IP = 16388;
        public static final int NAT_DETECTION_DESTINATION_IP = 16389;
        public static final int COOKIE = 16390;
        public static final int ADDITIONAL_IP4_ADDRESS = 16397;
        public static final int ADDITIONAL_IP6_ADDRESS = 16398;
        public static final int AUTH_LIFETIME = 16403;
        public static final int REDIRECT = 16407;
        public static final int CHILDLESS_IKEV2_SUPPORTED = 16418;
        public static final int IKEV2_FRAGMENTATION_SUPPORTED = 16430;
        public static final int SIGNATURE_HASH_ALGORITHMS = 16431;

        /** A notify about the IKE SA itself: no protocol, no SPI. */
        public static Notify of(int notifyType, byte[] data) {
            return new Notify(0, none(), notifyType, data);
        }

        @Override
        public int type() {
            return NOTIFY;
        }

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
