package dev.wificall.eap;

import java.util.Arrays;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The MILENAGE authentication functions of 3GPP TS 35.206: f1 (MAC-A), f1* (MAC-S), f2 (RES),
 * f3 (CK), f4 (IK), f5 (AK) and f5* (resynchronisation AK), with AES-128 as the kernel and the
 * constants of TS 35.206 §4.1: r1 = 64, r2 = 0, r3 = 32, r4 = 64, r5 = 96 bits;
 * c1 = 0, c2 = 1, c3 = 2, c4 = 4, c5 = 8 (in the last byte).
 *
 * <p>An instance holds K and OPc; it is immutable and thread-safe (each call uses its own cipher).
 * {@link #toString()} reveals neither.
 */
public final class Milenage {

    /** Sizes in bytes, TS 33.102 §6.3.7. */
    public static final int KEY_LENGTH = 16;
    public static final int RAND_LENGTH = 16;
    public static final int SQN_LENGTH = 6;
    public static final int AMF_LENGTH = 2;
    public static final int MAC_LENGTH = 8;
    public static final int RES_LENGTH = 8;
    public static final int AK_LENGTH = 6;
    public static final int AUTN_LENGTH = SQN_LENGTH + AMF_LENGTH + MAC_LENGTH;

    private static final int R1 = 8;
    private static final int R2 = 0;
    private static final int R3 = 4;
    private static final int R4 = 8;
    private static final int R5 = 12;
    private static final int C1 = 0x00;
    private static final int C2 = 0x01;
    private static final int C3 = 0x02;
    private static final int C4 = 0x04;
    private static final int C5 = 0x08;

    private final byte[] k;
    private final byte[] opc;

    private Milenage(byte[] k, byte[] opc) {
        this.k = k;
        this.opc = opc;
    }

    /** From K and OPc as the operator provisions them on the USIM. */
    public static Milenage withOpc(byte[] k, byte[] opc) {
        return new Milenage(copy("K", k, KEY_LENGTH), copy("OPc", opc, KEY_LENGTH));
    }

    /** From K and the operator variant OP; OPc = OP ⊕ E_K(OP) (TS 35.206 §4.1). */
    public static Milenage withOp(byte[] k, byte[] op) {
        return new Milenage(copy("K", k, KEY_LENGTH), opc(k, op));
    }

    /** OPc = OP ⊕ E_K(OP). */
    public static byte[] opc(byte[] k, byte[] op) {
        byte[] key = copy("K", k, KEY_LENGTH);
        byte[] variant = copy("OP", op, KEY_LENGTH);
        return xor(encrypt(key, variant), variant);
    }

    /** f1: the network authentication code MAC-A, 8 bytes. */
    public byte[] f1(byte[] rand, byte[] sqn, byte[] amf) {
        return Arrays.copyOfRange(out1(rand, sqn, amf), 0, MAC_LENGTH);
    }

    /** f1*: the resynchronisation authentication code MAC-S, 8 bytes. */
    public byte[] f1Star(byte[] rand, byte[] sqn, byte[] amf) {
        return Arrays.copyOfRange(out1(rand, sqn, amf), MAC_LENGTH, 16);
    }

    /** f2: the response RES (XRES on the network side), 8 bytes. */
    public byte[] f2(byte[] rand) {
        return Arrays.copyOfRange(out(temp(rand), R2, C2), 8, 16);
    }

    /** f3: the cipher key CK, 16 bytes. */
    public byte[] f3(byte[] rand) {
        return out(temp(rand), R3, C3);
    }

    /** f4: the integrity key IK, 16 bytes. */
    public byte[] f4(byte[] rand) {
        return out(temp(rand), R4, C4);
    }

    /** f5: the anonymity key AK that conceals SQN in AUTN, 6 bytes. */
    public byte[] f5(byte[] rand) {
        return Arrays.copyOfRange(out(temp(rand), R2, C2), 0, AK_LENGTH);
    }

    /** f5*: the anonymity key that conceals SQNms in AUTS, 6 bytes. */
    public byte[] f5Star(byte[] rand) {
        return Arrays.copyOfRange(out(temp(rand), R5, C5), 0, AK_LENGTH);
    }

    /**
     * The network side: AUTN = (SQN ⊕ AK) ‖ AMF ‖ MAC-A (TS 33.102 §6.3.2), for a lab HSS or a
     * test that plays the network.
     */
    public byte[] autn(byte[] rand, byte[] sqn, byte[] amf) {
        byte[] autn = new byte[AUTN_LENGTH];
        System.arraycopy(xor(copy("SQN", sqn, SQN_LENGTH), f5(rand)), 0, autn, 0, SQN_LENGTH);
        System.arraycopy(copy("AMF", amf, AMF_LENGTH), 0, autn, SQN_LENGTH, AMF_LENGTH);
        System.arraycopy(f1(rand, sqn, amf), 0, autn, SQN_LENGTH + AMF_LENGTH, MAC_LENGTH);
        return autn;
    }

    @Override
    public String toString() {
        return "Milenage[K and OPc hidden]";
    }

    /** OUT1 = E_K(TEMP ⊕ rot(IN1 ⊕ OPc, r1) ⊕ c1) ⊕ OPc with IN1 = SQN ‖ AMF ‖ SQN ‖ AMF. */
    private byte[] out1(byte[] rand, byte[] sqn, byte[] amf) {
        byte[] s = copy("SQN", sqn, SQN_LENGTH);
        byte[] a = copy("AMF", amf, AMF_LENGTH);
        byte[] in1 = new byte[16];
        System.arraycopy(s, 0, in1, 0, SQN_LENGTH);
        System.arraycopy(a, 0, in1, SQN_LENGTH, AMF_LENGTH);
        System.arraycopy(s, 0, in1, 8, SQN_LENGTH);
        System.arraycopy(a, 0, in1, 8 + SQN_LENGTH, AMF_LENGTH);
        byte[] block = xor(temp(rand), rotate(xor(in1, opc), R1));
        block[15] ^= (byte) C1;
        return xor(encrypt(k, block), opc);
    }

    /** OUTn = E_K(rot(TEMP ⊕ OPc, rn) ⊕ cn) ⊕ OPc for n = 2..5. */
    private byte[] out(byte[] temp, int rotation, int constant) {
        byte[] block = rotate(xor(temp, opc), rotation);
        block[15] ^= (byte) constant;
        return xor(encrypt(k, block), opc);
    }

    /** TEMP = E_K(RAND ⊕ OPc). */
    private byte[] temp(byte[] rand) {
        return encrypt(k, xor(copy("RAND", rand, RAND_LENGTH), opc));
    }

    private static byte[] encrypt(byte[] key, byte[] block) {
        BlockCipher aes = AESEngine.newInstance();
        aes.init(true, new KeyParameter(key));
        byte[] out = new byte[16];
        aes.processBlock(block, 0, out, 0);
        return out;
    }

    /** Cyclic rotation towards the most significant end by {@code bytes} bytes. */
    private static byte[] rotate(byte[] x, int bytes) {
        byte[] out = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[(i + bytes) % x.length];
        }
        return out;
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[Math.min(a.length, b.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    /** A defensive copy, after checking the length; the message names the field, never the value. */
    static byte[] copy(String name, byte[] value, int length) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing; it must be " + length + " bytes");
        }
        if (value.length != length) {
            throw new IllegalArgumentException(
                    name + " must be " + length + " bytes; got " + value.length);
        }
        return value.clone();
    }
}
