package dev.meshmq.transport.curve;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Pack;

/**
 * An experiment, not product code: how much faster is sealing if the Salsa20 key stream is XORed a
 * word at a time over Bouncy Castle's {@link Salsa20Engine#salsaCore} instead of through
 * {@link Salsa20Engine#processBytes}, which handles one byte per step? It checks that its boxes equal
 * {@link BoxKey}'s, then measures both per CPU second. Run its main like {@link BoxKeyThroughput}'s.
 */
public final class KeystreamExperiment {

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

    private final int[] state = new int[16];
    private final int[] block = new int[16];
    private final byte[] polyKey = new byte[32];
    private final KeyParameter polyKeyParameter = new KeyParameter(polyKey);
    private final byte[] polyKeyBytes = polyKeyParameter.getKey();
    private final Poly1305 poly = new Poly1305();

    private KeystreamExperiment(byte[] subkey) {
        state[0] = SIGMA[0];
        Pack.littleEndianToInt(subkey, 0, state, 1, 4);
        state[5] = SIGMA[1];
        state[10] = SIGMA[2];
        Pack.littleEndianToInt(subkey, 16, state, 11, 4);
        state[15] = SIGMA[3];
    }

    private int seal(byte[] nonce24, byte[] src, int len, byte[] dst) {
        state[6] = (int) INT_LE.get(nonce24, 16);
        state[7] = (int) INT_LE.get(nonce24, 20);
        state[8] = 0;
        state[9] = 0;
        Salsa20Engine.salsaCore(20, state, block);
        Pack.intToLittleEndian(block, 0, 8, polyKeyBytes, 0);
        poly.init(polyKeyParameter);
        int in = 0;
        int out = 16;
        // Block 0: bytes 32..63 of the key stream.
        int first = Math.min(32, len);
        xor(src, in, dst, out, first, 8);
        in += first;
        out += first;
        while (in < len) {
            if (++state[8] == 0) {
                state[9]++;
            }
            Salsa20Engine.salsaCore(20, state, block);
            int n = Math.min(64, len - in);
            xor(src, in, dst, out, n, 0);
            in += n;
            out += n;
        }
        poly.update(dst, 16, len);
        poly.doFinal(dst, 0);
        return len + 16;
    }

    private void xor(byte[] src, int in, byte[] dst, int out, int n, int word) {
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            INT_LE.set(dst, out + i, (int) INT_LE.get(src, in + i) ^ block[word + i / 4]);
        }
        for (; i < n; i++) {
            dst[out + i] = (byte) (src[in + i] ^ (block[word + i / 4] >>> (8 * (i % 4))));
        }
    }

    /**
     * Checks and measures.
     *
     * @param args optional: seconds per case
     */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        byte[] nonce = "CurveZMQMESSAGEC00000001".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] subkey = new byte[32];
        new HSalsa20().derive(key, nonce, 0, subkey);
        KeystreamExperiment experiment = new KeystreamExperiment(subkey);
        BoxKey boxKey = new BoxKey(key);
        for (int len : new int[] {0, 1, 31, 32, 33, 95, 96, 97, 1000, 65536}) {
            byte[] plain = new byte[len];
            new java.util.Random(len).nextBytes(plain);
            byte[] a = new byte[len + 16];
            byte[] b = new byte[len + 16];
            boxKey.seal(nonce, plain, 0, len, a, 0);
            experiment.seal(nonce, plain, len, b);
            if (!Arrays.equals(a, b)) {
                throw new AssertionError("boxes differ at length " + len);
            }
        }
        for (int size : new int[] {64, 1024, 65536}) {
            byte[] plain = new byte[size];
            byte[] box = new byte[size + 16];
            double viaEngine = rate(seconds, size, () -> boxKey.seal(nonce, plain, 0, size, box, 0));
            double viaCore = rate(seconds, size, () -> experiment.seal(nonce, plain, size, box));
            System.out.printf(Locale.ROOT, "%6d B  BoxKey.seal %7.1f MB/s   salsaCore+word XOR %7.1f MB/s  (x%.2f)%n",
                    size, viaEngine, viaCore, viaCore / viaEngine);
        }
    }

    private static double rate(double seconds, int size, Runnable seal) {
        long n = 0;
        long start = BoxKeyThroughput.cpuNanos();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 32; i++) {
                seal.run();
            }
            n += 32;
        }
        return n * (double) size / ((BoxKeyThroughput.cpuNanos() - start) / 1e9) / 1e6;
    }
}
