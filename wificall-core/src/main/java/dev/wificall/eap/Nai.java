package dev.wificall.eap;

import dev.wificall.discovery.Plmn;
import java.nio.charset.StandardCharsets;

/**
 * A Network Access Identifier, {@code username@realm} (RFC 7542), as a UE sends it in IKEv2 IDi
 * (ID_RFC822_ADDR) and in EAP-Response/Identity towards an ePDG.
 *
 * <p>The root NAI of TS 23.003 §19.3.2 is {@code <prefix><IMSI>@nai.epc.mnc<MNC>.mcc<MCC>.3gppnetwork.org}:
 * prefix {@code 0} for EAP-AKA (RFC 4187 §4.1.1.6), {@code 6} for EAP-AKA' (RFC 5448 §3), and the
 * MNC padded to 3 digits. For example IMSI 262011234567890 with a 2-digit MNC gives
 * {@code 0262011234567890@nai.epc.mnc001.mcc262.3gppnetwork.org}. The emergency NAI for limited
 * service state (TS 23.003 §19.3) uses the realm {@code sos.nai.epc.mnc<MNC>.mcc<MCC>.3gppnetwork.org}.
 *
 * <p>The username carries the IMSI, so {@link #toString()} is {@link #masked()}; {@link #value()}
 * and {@link #bytes()} give what goes on the wire.
 *
 * @param prefix the leading digit of the username ({@code 0} EAP-AKA, {@code 6} EAP-AKA')
 * @param imsi   the subscriber
 * @param realm  the realm after {@code @}
 */
public record Nai(char prefix, Imsi imsi, String realm) {

    /** Leading digit for EAP-AKA permanent identities. */
    public static final char EAP_AKA = '0';
    /** Leading digit for EAP-AKA' permanent identities. */
    public static final char EAP_AKA_PRIME = '6';

    public Nai {
        if (prefix != EAP_AKA && prefix != EAP_AKA_PRIME) {
            throw new IllegalArgumentException("NAI prefix must be '0' (EAP-AKA) or '6' (EAP-AKA'); got '"
                    + prefix + "'");
        }
        if (imsi == null) {
            throw new IllegalArgumentException("no IMSI given for the NAI");
        }
        if (realm == null || realm.isBlank()) {
            throw new IllegalArgumentException("no realm given for the NAI");
        }
    }

    /** The EAP-AKA root NAI: {@code 0<IMSI>@nai.epc.mnc<MNC>.mcc<MCC>.3gppnetwork.org}. */
    public static Nai eapAka(Imsi imsi, int mncLength) {
        return new Nai(EAP_AKA, imsi, realm("nai.epc", imsi.plmn(mncLength)));
    }

    /** The EAP-AKA' root NAI: {@code 6<IMSI>@nai.epc.mnc<MNC>.mcc<MCC>.3gppnetwork.org}. */
    public static Nai eapAkaPrime(Imsi imsi, int mncLength) {
        return new Nai(EAP_AKA_PRIME, imsi, realm("nai.epc", imsi.plmn(mncLength)));
    }

    /** The EAP-AKA emergency NAI: {@code 0<IMSI>@sos.nai.epc.mnc<MNC>.mcc<MCC>.3gppnetwork.org}. */
    public static Nai emergency(Imsi imsi, int mncLength) {
        return new Nai(EAP_AKA, imsi, realm("sos.nai.epc", imsi.plmn(mncLength)));
    }

    /** The NAI as sent: {@code 0262011234567890@nai.epc.mnc001.mcc262.3gppnetwork.org}. */
    public String value() {
        return prefix + imsi.digits() + "@" + realm;
    }

    /** The NAI in ASCII, the IDi identification data. */
    public byte[] bytes() {
        return value().getBytes(StandardCharsets.US_ASCII);
    }

    /** The NAI with the MSIN masked, for reports: {@code 026201**********@nai.epc.mnc001.mcc262.3gppnetwork.org}. */
    public String masked() {
        return prefix + imsi.masked() + "@" + realm;
    }

    @Override
    public String toString() {
        return masked();
    }

    private static String realm(String label, Plmn plmn) {
        return label + ".mnc" + plmn.mnc3() + ".mcc" + plmn.mcc() + ".3gppnetwork.org";
    }
}
