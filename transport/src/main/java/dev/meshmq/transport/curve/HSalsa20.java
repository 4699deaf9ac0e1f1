package dev.meshmq.transport.curve;

import java.util.Arrays;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.util.Pack;

/**
 * HSalsa20, taken from Bouncy Castle's XSalsa20 key setup: initialising an XSalsa20 engine with a key
 * and a 24-byte nonce runs HSalsa20 over the key and the nonce's first 16 bytes and keeps the 32-byte
 * result as the Salsa20 key in its state (words 1-4 and 11-14), where this subclass reads it.
 *
 * <p>Used for libsodium's {@code crypto_box_beforenm} (HSalsa20 of the X25519 output with a zero
 * input) and for the subkey of every XSalsa20 nonce prefix.
 *
 * <p>Thread-safety: not thread-safe; one instance per owner.
 */
final class HSalsa20 extends XSalsa20Engine {

    private static final int KEY_BYTES = 32;
    private static final int INPUT_BYTES = 16;
    private static final int NONCE_BYTES = 24;

    private final byte[] nonce = new byte[NONCE_BYTES];

    /**
     * Computes HSalsa20(key, input).
     *
     * @param key 32 bytes
     * @param input the 16-byte input (the first 16 bytes of an XSalsa20 nonce)
     * @param inputOffset where the input starts
     * @param out receives the 32-byte result at offset 0
     */
    void derive(byte[] key, byte[] input, int inputOffset, byte[] out) {
        if (key.length != KEY_BYTES || out.length < KEY_BYTES) {
            throw new IllegalArgumentException("HSalsa20 takes a 32-byte key and gives 32 bytes");
        }
        System.arraycopy(input, inputOffset, nonce, 0, INPUT_BYTES);
        KeyParameter keyParameter = new KeyParameter(key);
        try {
            init(true, new ParametersWithIV(keyParameter, nonce));
            Pack.intToLittleEndian(engineState, 1, 4, out, 0);
            Pack.intToLittleEndian(engineState, 11, 4, out, 16);
        } finally {
            Arrays.fill(keyParameter.getKey(), (byte) 0);
            Arrays.fill(engineState, 0);
            Arrays.fill(x, 0);
            Arrays.fill(nonce, (byte) 0);
        }
    }
}
