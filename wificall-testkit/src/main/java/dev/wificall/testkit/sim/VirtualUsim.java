package dev.wificall.testkit.sim;

import dev.wificall.eap.AkaChallengeResult;
import dev.wificall.eap.Imsi;
import dev.wificall.eap.SoftUsim;
import dev.wificall.eap.UsimCredentials;
import dev.wificall.sim.ApduLink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A USIM in memory that answers the APDUs of a UICC (ETSI TS 102 221) with a USIM application
 * (3GPP TS 31.102), as far as wificall's USIM code asks: SELECT, READ RECORD, READ BINARY, VERIFY
 * PIN, AUTHENTICATE in the 3G context and, for {@link Builder#deferResponses}, GET RESPONSE. The
 * tree is the MF with EF_DIR (one record naming the USIM), and the USIM ADF with EF_IMSI.
 * AUTHENTICATE runs MILENAGE through {@link SoftUsim} with
 * {@link SoftUsim.SqnCheck#FRESHER_THAN_HIGHEST}, so a stale SQN gives a synchronisation failure
 * (DC and AUTS) like a real card.
 *
 * <p>As on a card, {@link #reset()} and {@link #powerOff()} drop the selection and the verified
 * PIN, while the PIN retry counter and the highest accepted SQN stay (they are non-volatile). All
 * commands take CLA 00; another CLA gets 6E 00, an unknown INS 6D 00, and a command whose length
 * does not add up (no header, Lc claiming more or fewer bytes than follow) 67 00.
 *
 * <p>Thread-safe. {@link #toString()} shows the masked IMSI and the PIN state, never the PIN, K or
 * OPc, and no response (RES, CK, IK, AUTS) is kept after it is returned.
 */
public final class VirtualUsim implements ApduLink {

    /** The lab subscriber (TS 35.208 test set 1 keys, MCC 262, MNC 01): public test values. */
    public static final String LAB_IMSI = "262011234567890";
    public static final String LAB_K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    public static final String LAB_OPC = "cd63cb71954a9f4e48a5994e37a02baf";
    public static final String LAB_PIN = "1234";
    public static final int DEFAULT_PIN_TRIES = 3;
    /** The 63 Cx answer has four bits for the count. */
    public static final int MAX_PIN_TRIES = 15;
    /** The USIM's AID: RID A000000087 (3GPP), application code 1002 (USIM), then the rest of a typical one. */
    public static final String USIM_AID = "A0000000871002FFFFFFFF8907090000";
    /** TS 0x3B, T0 0x80 (TD1 follows, no historical bytes), TD1 0x01 (T=1 only), TCK: a card that speaks T=1. */
    public static final String ATR = "3B800181";

    static final int SW_OK = 0x9000;
    static final int SW_WRONG_LENGTH = 0x6700;
    static final int SW_CLA_NOT_SUPPORTED = 0x6E00;
    static final int SW_INS_NOT_SUPPORTED = 0x6D00;
    static final int SW_FILE_NOT_FOUND = 0x6A82;
    static final int SW_RECORD_NOT_FOUND = 0x6A83;
    static final int SW_WRONG_P1P2 = 0x6A86;
    static final int SW_REFERENCE_NOT_FOUND = 0x6A88;
    static final int SW_WRONG_DATA = 0x6A80;
    static final int SW_OFFSET_OUTSIDE = 0x6B00;
    static final int SW_SECURITY_NOT_SATISFIED = 0x6982;
    static final int SW_PIN_BLOCKED = 0x6983;
    static final int SW_NOT_USABLE = 0x6985;
    static final int SW_NO_CURRENT_EF = 0x6986;
    static final int SW_WRONG_FILE_STRUCTURE = 0x6981;
    static final int SW_MAC_FAILURE = 0x9862;
    static final int SW_PIN_TRIES = 0x63C0;
    static final int SW_EXACT_LENGTH = 0x6C00;
    static final int SW_MORE_DATA = 0x6100;

    private static final int INS_SELECT = 0xA4;
    private static final int INS_READ_RECORD = 0xB2;
    private static final int INS_READ_BINARY = 0xB0;
    private static final int INS_VERIFY = 0x20;
    private static final int INS_AUTHENTICATE = 0x88;
    private static final int INS_GET_RESPONSE = 0xC0;
    private static final Set<Integer> INSTRUCTIONS = Set.of(INS_SELECT, INS_READ_RECORD, INS_READ_BINARY, INS_VERIFY,
            INS_AUTHENTICATE, INS_GET_RESPONSE);

    private static final int FID_MF = 0x3F00;
    private static final int FID_EF_DIR = 0x2F00;
    private static final int FID_EF_IMSI = 0x6F07;
    private static final int FID_CURRENT_ADF = 0x7FFF;
    private static final int DIR_RECORD_LENGTH = 0x20;
    private static final int IMSI_FILE_SIZE = 9;
    private static final int PIN_LENGTH = 8;
    /** AUTHENTICATE P2: specific reference data (b8), 3G context (b3..b1 = 001), TS 31.102 §7.1.2. */
    private static final int P2_3G_CONTEXT = 0x81;

    private enum CardFile { MF, EF_DIR, ADF_USIM, EF_IMSI }

    private record Response(byte[] data, int sw) {
        static Response of(int sw) {
            return new Response(new byte[0], sw);
        }
    }

    private final Imsi imsi;
    private final SoftUsim usim;
    private final byte[] pin;
    private final boolean pinEnabled;
    private final int maxTries;
    private final boolean defer;
    private final byte[] aid = HexFormat.of().parseHex(USIM_AID);
    private final byte[] dirRecord;
    private final byte[] imsiFile;
    private final Map<CardFile, byte[]> fcps = new EnumMap<>(CardFile.class);

    // non-volatile
    private int triesLeft;
    // volatile: dropped by reset and power off
    private boolean powered = true;
    private CardFile currentDf = CardFile.MF;
    private CardFile currentEf;
    private boolean adfActive;
    private boolean pinVerified;
    private byte[] pending;

    private VirtualUsim(Builder b) {
        this.imsi = b.credentials.imsi();
        this.usim = SoftUsim.builder(b.credentials).sqnCheck(SoftUsim.SqnCheck.FRESHER_THAN_HIGHEST)
                .highestSqn(b.highestSqn).build();
        this.pin = padPin(b.pin);
        this.pinEnabled = b.pinEnabled;
        this.maxTries = b.tries;
        this.triesLeft = b.tries;
        this.defer = b.defer;
        this.dirRecord = dirRecord(aid);
        this.imsiFile = imsiFile(imsi);
        fcps.put(CardFile.MF, dfFcp(tlv(0x83, 0x3F, 0x00), 0x2F06));
        fcps.put(CardFile.ADF_USIM, dfFcp(tlv(0x84, aid), 0x6F06));
        fcps.put(CardFile.EF_DIR, efFcp(tlv(0x82, 0x42, 0x21, 0x00, DIR_RECORD_LENGTH, 0x01), FID_EF_DIR,
                DIR_RECORD_LENGTH, 0x1E, 0x2F06));
        fcps.put(CardFile.EF_IMSI, efFcp(tlv(0x82, 0x41, 0x21), FID_EF_IMSI, IMSI_FILE_SIZE, 0x07, 0x6F06));
    }

    /** A builder with the lab subscriber, PIN {@value #LAB_PIN} enabled, {@value #DEFAULT_PIN_TRIES} tries, SQN 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** The lab subscriber's IMSI, K and OPc ({@link #LAB_IMSI}, {@link #LAB_K}, {@link #LAB_OPC}). */
    public static UsimCredentials labCredentials() {
        return UsimCredentials.parse(LAB_IMSI, LAB_K, LAB_OPC, null);
    }

    /** The answer to reset; the same for every power on. */
    public byte[] atr() {
        return HexFormat.of().parseHex(ATR);
    }

    /** Powers the card on (a cold reset): the MF selected, no PIN verified. Returns the ATR. */
    public synchronized byte[] powerOn() {
        dropVolatileState();
        powered = true;
        return atr();
    }

    /** A warm reset: like {@link #powerOn()}; the retry counter and the SQN stay. Returns the ATR. */
    public synchronized byte[] reset() {
        return powerOn();
    }

    /** Powers the card off: everything volatile is gone, and {@link #transmit} fails until it is powered on. */
    public synchronized void powerOff() {
        dropVolatileState();
        powered = false;
    }

    public synchronized boolean isPowered() {
        return powered;
    }

    /** PIN1 tries left before it blocks (0: blocked). */
    public synchronized int pinTriesLeft() {
        return triesLeft;
    }

    /** Whether PIN1 is verified in this session (since the last reset). */
    public synchronized boolean isPinVerified() {
        return pinVerified;
    }

    /** The highest SQN accepted so far (SQNms). */
    public long highestSqn() {
        return usim.highestSqn();
    }

    public Imsi imsi() {
        return imsi;
    }

    /**
     * Answers one command APDU: response data, then SW1 SW2. A malformed command gets a status word,
     * not an exception.
     *
     * @throws IOException when the card is powered off (as a reader reports a card that does not answer)
     */
    @Override
    public synchronized byte[] transmit(byte[] command) throws IOException {
        Objects.requireNonNull(command, "command");
        if (!powered) {
            throw new IOException("the virtual USIM is powered off; power it on (powerOn or reset) before sending APDUs");
        }
        Response r = answer(command);
        byte[] out = Arrays.copyOf(r.data(), r.data().length + 2);
        out[out.length - 2] = (byte) (r.sw() >> 8);
        out[out.length - 1] = (byte) r.sw();
        return out;
    }

    @Override
    public synchronized String toString() {
        String pinState = triesLeft == 0 ? "PIN blocked"
                : (pinEnabled ? "PIN enabled" : "PIN disabled") + ", " + triesLeft + " of " + maxTries + " tries left";
        return "VirtualUsim[IMSI " + imsi.masked() + ", " + pinState + (powered ? "" : ", powered off")
                + ", K, OPc and PIN hidden]";
    }

    private void dropVolatileState() {
        currentDf = CardFile.MF;
        currentEf = null;
        adfActive = false;
        pinVerified = false;
        pending = null;
    }

    private Response answer(byte[] command) {
        ApduReader reader = new ApduReader(command);
        CommandApdu.Header header;
        try {
            header = CommandApdu.Header.read(reader);
        } catch (MalformedApduException e) {
            return Response.of(SW_WRONG_LENGTH);
        }
        if (header.cla() != 0x00) {
            return Response.of(SW_CLA_NOT_SUPPORTED);
        }
        if (!INSTRUCTIONS.contains(header.ins())) {
            return Response.of(SW_INS_NOT_SUPPORTED);
        }
        CommandApdu c;
        try {
            c = CommandApdu.read(header, reader);
        } catch (MalformedApduException e) {
            return Response.of(SW_WRONG_LENGTH);
        }
        if (c.ins() == INS_GET_RESPONSE) {
            return getResponse(c);
        }
        // any other command drops an answer GET RESPONSE did not fetch (ISO 7816-4 §7.6.1)
        pending = null;
        Response r = switch (c.ins()) {
            case INS_SELECT -> select(c);
            case INS_READ_RECORD -> readRecord(c);
            case INS_READ_BINARY -> readBinary(c);
            case INS_VERIFY -> verify(c);
            case INS_AUTHENTICATE -> authenticate(c);
            default -> Response.of(SW_INS_NOT_SUPPORTED);
        };
        if (defer && r.sw() == SW_OK && r.data().length > 0) {
            pending = r.data();
            return Response.of(SW_MORE_DATA | (pending.length & 0xff));
        }
        return r;
    }

    // --- commands ---

    private Response select(CommandApdu c) {
        if (c.p2() != 0x04 && c.p2() != 0x0C) {
            return Response.of(SW_WRONG_P1P2);
        }
        byte[] data = c.data();
        CardFile target;
        if (c.p1() == 0x00) {
            if (data.length != 2) {
                return Response.of(SW_WRONG_LENGTH);
            }
            try {
                target = byFileId(new ApduReader(data).u16("file ID"));
            } catch (MalformedApduException e) {
                return Response.of(SW_WRONG_LENGTH);
            }
        } else if (c.p1() == 0x04) {
            if (data.length == 0 || data.length > aid.length) {
                return Response.of(SW_WRONG_LENGTH);
            }
            // a right-truncated AID selects too (TS 102 221 §8.5.1)
            target = Arrays.equals(data, 0, data.length, aid, 0, data.length) ? CardFile.ADF_USIM : null;
        } else {
            return Response.of(SW_WRONG_P1P2);
        }
        if (target == null) {
            return Response.of(SW_FILE_NOT_FOUND);
        }
        switch (target) {
            case MF -> {
                currentDf = target;
                currentEf = null;
            }
            case ADF_USIM -> {
                currentDf = target;
                currentEf = null;
                adfActive = true;
            }
            default -> currentEf = target;
        }
        return c.p2() == 0x0C ? Response.of(SW_OK) : respond(fcps.get(target), c);
    }

    /** The files selectable by FID from the current DF (TS 102 221 §8.4.1): the MF, its children, the current ADF's. */
    private CardFile byFileId(int fid) {
        return switch (fid) {
            case FID_MF -> CardFile.MF;
            case FID_EF_DIR -> currentDf == CardFile.MF ? CardFile.EF_DIR : null;
            case FID_EF_IMSI -> currentDf == CardFile.ADF_USIM ? CardFile.EF_IMSI : null;
            case FID_CURRENT_ADF -> adfActive ? CardFile.ADF_USIM : null;
            default -> null;
        };
    }

    private Response readRecord(CommandApdu c) {
        if (c.hasData() || c.le() == CommandApdu.NO_LE) {
            return Response.of(SW_WRONG_LENGTH);
        }
        if (currentEf == null) {
            return Response.of(SW_NO_CURRENT_EF);
        }
        if (currentEf != CardFile.EF_DIR) {
            return Response.of(SW_WRONG_FILE_STRUCTURE);
        }
        // P2 04: absolute record number in P1, current EF (no SFI)
        if (c.p2() != 0x04) {
            return Response.of(SW_WRONG_P1P2);
        }
        if (c.p1() != 1) {
            return Response.of(SW_RECORD_NOT_FOUND);
        }
        if (c.le() != 0 && c.le() != DIR_RECORD_LENGTH) {
            return Response.of(SW_EXACT_LENGTH | DIR_RECORD_LENGTH);
        }
        return new Response(dirRecord.clone(), SW_OK);
    }

    private Response readBinary(CommandApdu c) {
        if (c.hasData() || c.le() == CommandApdu.NO_LE) {
            return Response.of(SW_WRONG_LENGTH);
        }
        // P1 b8 set would name the EF by SFI; this card reads the current EF only
        if ((c.p1() & 0x80) != 0) {
            return Response.of(SW_WRONG_P1P2);
        }
        if (currentEf == null) {
            return Response.of(SW_NO_CURRENT_EF);
        }
        if (currentEf != CardFile.EF_IMSI) {
            return Response.of(SW_WRONG_FILE_STRUCTURE);
        }
        if (pinEnabled && !pinVerified) {
            return Response.of(SW_SECURITY_NOT_SATISFIED);
        }
        int offset = c.p1() << 8 | c.p2();
        if (offset >= imsiFile.length) {
            return Response.of(SW_OFFSET_OUTSIDE);
        }
        int available = imsiFile.length - offset;
        int n = c.le() == 0 ? available : c.le();
        if (n > available) {
            return Response.of(SW_EXACT_LENGTH | available);
        }
        return new Response(Arrays.copyOfRange(imsiFile, offset, offset + n), SW_OK);
    }

    private Response verify(CommandApdu c) {
        if (c.p1() != 0x00) {
            return Response.of(SW_WRONG_P1P2);
        }
        if (c.p2() != 0x01) {
            return Response.of(SW_REFERENCE_NOT_FOUND);
        }
        if (!c.hasData()) {
            // the status: no data, or (T=0 style) P3 = 00
            if (c.le() != CommandApdu.NO_LE && c.le() != 0) {
                return Response.of(SW_WRONG_LENGTH);
            }
            if (triesLeft == 0) {
                return Response.of(SW_PIN_BLOCKED);
            }
            return Response.of(!pinEnabled || pinVerified ? SW_OK : SW_PIN_TRIES | triesLeft);
        }
        byte[] data = c.data();
        if (data.length != PIN_LENGTH || c.le() != CommandApdu.NO_LE) {
            return Response.of(SW_WRONG_LENGTH);
        }
        if (triesLeft == 0) {
            return Response.of(SW_PIN_BLOCKED);
        }
        if (MessageDigest.isEqual(data, pin)) {
            triesLeft = maxTries;
            pinVerified = true;
            return Response.of(SW_OK);
        }
        triesLeft--;
        pinVerified = false;
        return Response.of(triesLeft == 0 ? SW_PIN_BLOCKED : SW_PIN_TRIES | triesLeft);
    }

    private Response authenticate(CommandApdu c) {
        if (c.p1() != 0x00 || c.p2() != P2_3G_CONTEXT) {
            return Response.of(SW_WRONG_P1P2);
        }
        if (!c.hasData()) {
            return Response.of(SW_WRONG_LENGTH);
        }
        if (!adfActive) {
            return Response.of(SW_NOT_USABLE);
        }
        if (pinEnabled && !pinVerified) {
            return Response.of(SW_SECURITY_NOT_SATISFIED);
        }
        byte[] rand;
        byte[] autn;
        try {
            ApduReader d = new ApduReader(c.data());
            rand = d.bytes(d.u8("RAND length"), "RAND");
            autn = d.bytes(d.u8("AUTN length"), "AUTN");
            if (d.remaining() > 0) {
                throw new MalformedApduException(d.remaining() + " bytes after AUTN; expected none");
            }
        } catch (MalformedApduException e) {
            return Response.of(SW_WRONG_LENGTH);
        }
        if (rand.length != 16 || autn.length != 16) {
            return Response.of(SW_WRONG_DATA);
        }
        // Le is not held against the answer: a 6C xx would make the host send the challenge again,
        // and the second time its SQN is a replay
        AkaChallengeResult result = usim.authenticate(rand, autn);
        if (result instanceof AkaChallengeResult.Success s) {
            byte[] res = s.res();
            byte[] ck = s.ck();
            byte[] ik = s.ik();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0xDB);
            lv(out, res);
            lv(out, ck);
            lv(out, ik);
            lv(out, kc(ck, ik));
            return new Response(out.toByteArray(), SW_OK);
        }
        if (result instanceof AkaChallengeResult.SynchronisationFailure f) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0xDC);
            lv(out, f.auts());
            return new Response(out.toByteArray(), SW_OK);
        }
        return Response.of(SW_MAC_FAILURE);
    }

    private Response getResponse(CommandApdu c) {
        if (c.p1() != 0 || c.p2() != 0) {
            return Response.of(SW_WRONG_P1P2);
        }
        if (c.hasData() || c.le() == CommandApdu.NO_LE) {
            return Response.of(SW_WRONG_LENGTH);
        }
        if (pending == null) {
            return Response.of(SW_NOT_USABLE);
        }
        int n = c.le() == 0 ? Math.min(256, pending.length) : c.le();
        if (n > pending.length) {
            return Response.of(SW_EXACT_LENGTH | pending.length);
        }
        byte[] out = Arrays.copyOf(pending, n);
        pending = n == pending.length ? null : Arrays.copyOfRange(pending, n, pending.length);
        return new Response(out, pending == null ? SW_OK : SW_MORE_DATA | (pending.length & 0xff));
    }

    /** Data with 90 00, or 6C xx when Le asks for fewer bytes than the answer has (xx: how many it has). */
    private static Response respond(byte[] data, CommandApdu c) {
        if (c.le() > 0 && c.le() < data.length) {
            return Response.of(SW_EXACT_LENGTH | data.length);
        }
        return new Response(data.clone(), SW_OK);
    }

    // --- the files ---

    /** Kc from CK and IK, conversion function c3 (TS 33.102 §6.8.1.2): CK1 ⊕ CK2 ⊕ IK1 ⊕ IK2. */
    static byte[] kc(byte[] ck, byte[] ik) {
        byte[] kc = new byte[8];
        for (int i = 0; i < 8; i++) {
            kc[i] = (byte) (ck[i] ^ ck[i + 8] ^ ik[i] ^ ik[i + 8]);
        }
        return kc;
    }

    /**
     * EF_IMSI (TS 31.102 §4.2.2): the length of what follows, then the digits in nibbles, low nibble
     * first, the first nibble being the parity (9 for an odd count, 1 for even; type 001); F fills.
     */
    static byte[] imsiFile(Imsi imsi) {
        String digits = imsi.digits();
        int n = digits.length();
        byte[] file = new byte[IMSI_FILE_SIZE];
        Arrays.fill(file, (byte) 0xFF);
        file[0] = (byte) ((n + 2) / 2);
        int[] nibbles = new int[16];
        Arrays.fill(nibbles, 0xF);
        nibbles[0] = n % 2 == 1 ? 0x9 : 0x1;
        for (int i = 0; i < n; i++) {
            nibbles[i + 1] = digits.charAt(i) - '0';
        }
        for (int i = 0; i < 8; i++) {
            file[i + 1] = (byte) (nibbles[2 * i + 1] << 4 | nibbles[2 * i]);
        }
        return file;
    }

    /** EF_DIR's record: application template 61 with the AID (4F) and the label (50), padded with FF. */
    private static byte[] dirRecord(byte[] aid) {
        byte[] template = tlv(0x61, concat(tlv(0x4F, aid), tlv(0x50, "USIM".getBytes(StandardCharsets.US_ASCII))));
        byte[] record = Arrays.copyOf(template, DIR_RECORD_LENGTH);
        Arrays.fill(record, template.length, record.length, (byte) 0xFF);
        return record;
    }

    /** A DF's FCP: descriptor 78 21 (DF), its FID or AID, life cycle 05 (activated), security (its EF_ARR), PIN status. */
    private byte[] dfFcp(byte[] identity, int arr) {
        // PIN status template DO (TS 102 221 §9.5.2): PS_DO b8 set = PIN1 (key reference 01) enabled
        byte[] pinStatus = tlv(0xC6, concat(tlv(0x90, pinEnabled ? 0x80 : 0x00), tlv(0x83, 0x01)));
        return tlv(0x62, concat(tlv(0x82, 0x78, 0x21), identity, tlv(0x8A, 0x05), tlv(0x8B, arr >> 8, arr & 0xff, 0x01),
                pinStatus));
    }

    /**
     * An EF's FCP: descriptor, FID, life cycle, security (record 1 of the EF_ARR of its DF: 2F06 in
     * the MF, 6F06 in the ADF), size (80) and SFI (88).
     */
    private static byte[] efFcp(byte[] descriptor, int fid, int size, int sfi, int arr) {
        return tlv(0x62, concat(descriptor, tlv(0x83, fid >> 8, fid & 0xff), tlv(0x8A, 0x05),
                tlv(0x8B, arr >> 8, arr & 0xff, 0x01), tlv(0x80, size >> 8, size & 0xff), tlv(0x88, sfi << 3)));
    }

    private static byte[] tlv(int tag, int... value) {
        byte[] v = new byte[value.length];
        for (int i = 0; i < value.length; i++) {
            v[i] = (byte) value[i];
        }
        return tlv(tag, v);
    }

    /** One BER-TLV with a one-byte tag and a short length (every value here is under 128 bytes). */
    private static byte[] tlv(int tag, byte[] value) {
        if (value.length > 127) {
            throw new IllegalStateException("TLV " + Integer.toHexString(tag) + " of " + value.length + " bytes");
        }
        byte[] out = new byte[value.length + 2];
        out[0] = (byte) tag;
        out[1] = (byte) value.length;
        System.arraycopy(value, 0, out, 2, value.length);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void lv(ByteArrayOutputStream out, byte[] value) {
        out.write(value.length);
        out.writeBytes(value);
    }

    /** The PIN as VERIFY carries it: the digits in ASCII, FF to 8 bytes (TS 102 221 §9.5.1). */
    static byte[] padPin(String pin) {
        byte[] out = new byte[PIN_LENGTH];
        Arrays.fill(out, (byte) 0xFF);
        byte[] digits = pin.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, out, 0, digits.length);
        return out;
    }

    static void checkPin(String pin) {
        if (pin == null || pin.isEmpty()) {
            throw new IllegalArgumentException("no PIN given; expected 4 to 8 digits");
        }
        boolean allDigits = pin.chars().allMatch(ch -> ch >= '0' && ch <= '9');
        if (!allDigits || pin.length() < 4 || pin.length() > PIN_LENGTH) {
            throw new IllegalArgumentException("PIN must be 4 to 8 digits; got " + pin.length() + " characters"
                    + (allDigits ? "" : ", not all digits"));
        }
    }

    /** Configures a {@link VirtualUsim}; every setting has the lab's default. */
    public static final class Builder {
        private UsimCredentials credentials = labCredentials();
        private String pin = LAB_PIN;
        private boolean pinEnabled = true;
        private int tries = DEFAULT_PIN_TRIES;
        private long highestSqn;
        private boolean defer;

        private Builder() {
        }

        /** IMSI, K and OPc; the lab subscriber's by default. */
        public Builder credentials(UsimCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** PIN1, 4 to 8 digits, enabled: READ BINARY of EF_IMSI and AUTHENTICATE need it verified. */
        public Builder pin(String pin) {
            checkPin(pin);
            this.pin = pin;
            this.pinEnabled = true;
            return this;
        }

        /**
         * PIN1 disabled: nothing needs it verified and VERIFY without data answers 90 00. The PIN
         * itself stays ({@value VirtualUsim#LAB_PIN} unless {@link #pin} set one before): VERIFY with data still
         * checks it and counts wrong tries, as a card does.
         */
        public Builder pinDisabled() {
            this.pinEnabled = false;
            return this;
        }

        /** PIN1's retry counter, 1 to 15: the tries a card starts with and gets back after a right PIN. */
        public Builder pinTries(int tries) {
            if (tries < 1 || tries > MAX_PIN_TRIES) {
                throw new IllegalArgumentException("PIN tries must be 1 to " + MAX_PIN_TRIES + " (63 Cx has four bits); got "
                        + tries);
            }
            this.tries = tries;
            return this;
        }

        /**
         * The highest SQN the card has accepted (SQNms); a challenge must carry a greater one, or the
         * card answers a synchronisation failure. 0 by default.
         */
        public Builder highestSqn(long sqn) {
            if (sqn < 0 || sqn > SoftUsim.MAX_SQN) {
                throw new IllegalArgumentException("highest SQN must be 0 to 2^48-1; got " + sqn);
            }
            this.highestSqn = sqn;
            return this;
        }

        /**
         * Answer like a T=0 card: every response with data comes as 61 xx and is fetched with GET
         * RESPONSE (00 C0 00 00 xx). Off by default: data and 90 00 at once.
         */
        public Builder deferResponses(boolean defer) {
            this.defer = defer;
            return this;
        }

        public VirtualUsim build() {
            return new VirtualUsim(this);
        }
    }
}
