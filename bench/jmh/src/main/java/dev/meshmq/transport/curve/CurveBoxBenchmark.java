package dev.meshmq.transport.curve;

import dev.meshmq.jmh.BenchmarkDefaults;
import java.security.SecureRandom;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The crypto bound of a CURVE connection: one XSalsa20-Poly1305 box (crypto_box_afternm) of
 * {@code size} bytes per operation, sealed or opened, with nothing else around it. Multiply ops/ms by
 * {@code size} / 1000 for MB/s per core. Variants:
 * <ul>
 *   <li>{@code boxKeySeal}, {@code boxKeyOpen}: {@link BoxKey} as the CURVE encoder and decoder use it
 *       (a counting nonce under one prefix, so the HSalsa20 subkey is cached and the Salsa20 engine
 *       only re-initialised with the new 8-byte nonce; no allocation);</li>
 *   <li>{@code bcPerMessageObjects}: Bouncy Castle used naively, new {@link XSalsa20Engine} and
 *       {@link Poly1305} and a new output array per box (HSalsa20 every time);</li>
 *   <li>{@code bcReusedObjects}: one XSalsa20Engine and one Poly1305 re-initialised per box with key
 *       and 24-byte nonce (HSalsa20 every time, no allocation but the parameter objects);</li>
 *   <li>{@code salsa20Only}, {@code poly1305Only}: the two primitives alone over {@code size} bytes,
 *       to split the cost;</li>
 *   <li>{@code salsa20CoreOnly}: Bouncy Castle's Salsa20 block function ({@link Salsa20Engine#salsaCore})
 *       alone, once per 64 bytes, without the engine's byte-at-a-time XOR loop around it: what a
 *       stream loop around the same core could reach at most.</li>
 * </ul>
 * Operations per millisecond (times {@code size} / 1000 = MB/s).
 *
 * <p>Threading: {@link Scope#Thread} state, one set of keys and buffers per benchmark thread. Not
 * final: JMH subclasses it.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CurveBoxBenchmark extends BenchmarkDefaults {

    private static final int TAG = BoxKey.TAG_BYTES;

    /** Bytes of plaintext per box. */
    @Param({"64", "1024", "65536"})
    public int size;

    byte[] key;
    BoxKey boxKey;
    byte[] plain;
    byte[] box;
    byte[] sealed;
    byte[] opened;
    byte[] nonce;
    byte[] openNonce;
    long counter;
    final XSalsa20Engine xsalsa = new XSalsa20Engine();
    final Salsa20Engine salsa = new Salsa20Engine();
    final Poly1305 poly = new Poly1305();
    final byte[] polyKey = new byte[32];
    final byte[] zeros = new byte[32];
    ParametersWithIV salsaNonce;
    final int[] coreInput = new int[16];
    final int[] coreOutput = new int[16];

    /** Random key and plaintext; one box sealed for the open benchmarks. */
    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        key = new byte[32];
        random.nextBytes(key);
        boxKey = new BoxKey(key);
        plain = new byte[size];
        random.nextBytes(plain);
        box = new byte[size + TAG];
        opened = new byte[size];
        nonce = "CurveZMQMESSAGEC\0\0\0\0\0\0\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        openNonce = nonce.clone();
        openNonce[23] = 1;
        sealed = new byte[size + TAG];
        boxKey.seal(openNonce, plain, 0, size, sealed, 0);
        salsa.init(true, new ParametersWithIV(new KeyParameter(key), new byte[8]));
        salsaNonce = new ParametersWithIV(null, new byte[8]);
    }

    private void nextNonce() {
        counter++;
        for (int i = 0; i < 8; i++) {
            nonce[23 - i] = (byte) (counter >>> (8 * i));
        }
    }

    /** Seals with {@link BoxKey}, as CurveEncoder does. @return the box */
    @Benchmark
    public byte[] boxKeySeal() {
        nextNonce();
        boxKey.seal(nonce, plain, 0, size, box, 0);
        return box;
    }

    /**
     * Opens with {@link BoxKey}, as CurveDecoder does (tag check, then decryption).
     *
     * @return the plaintext
     * @throws BoxOpenException never: the box is sound
     */
    @Benchmark
    public byte[] boxKeyOpen() throws BoxOpenException {
        boxKey.open(openNonce, sealed, 0, size + TAG, opened, 0);
        return opened;
    }

    /** Bouncy Castle with new objects and a new array per box. @return the box */
    @Benchmark
    public byte[] bcPerMessageObjects() {
        nextNonce();
        XSalsa20Engine engine = new XSalsa20Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] oneTimeKey = new byte[32];
        engine.processBytes(new byte[32], 0, 32, oneTimeKey, 0);
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(oneTimeKey));
        byte[] out = new byte[size + TAG];
        engine.processBytes(plain, 0, size, out, TAG);
        mac.update(out, TAG, size);
        mac.doFinal(out, 0);
        return out;
    }

    /** Bouncy Castle with one engine and one MAC, re-keyed per box (HSalsa20 every time). @return the box */
    @Benchmark
    public byte[] bcReusedObjects() {
        nextNonce();
        xsalsa.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        xsalsa.processBytes(zeros, 0, 32, polyKey, 0);
        poly.init(new KeyParameter(polyKey));
        xsalsa.processBytes(plain, 0, size, box, TAG);
        poly.update(box, TAG, size);
        poly.doFinal(box, 0);
        return box;
    }

    /** Salsa20 alone: re-initialise the nonce and encrypt {@code size} bytes. @return the output */
    @Benchmark
    public byte[] salsa20Only() {
        salsa.init(true, salsaNonce);
        salsa.processBytes(plain, 0, size, box, TAG);
        return box;
    }

    /** Poly1305 alone over {@code size} bytes. @return the tag's array */
    @Benchmark
    public byte[] poly1305Only() {
        poly.init(new KeyParameter(zeros));
        poly.update(plain, 0, size);
        poly.doFinal(box, 0);
        return box;
    }

    /** The Salsa20 block function alone, once per 64 bytes of {@code size}. @return the last block */
    @Benchmark
    public int[] salsa20CoreOnly() {
        for (int done = 0; done < size; done += 64) {
            coreInput[8]++;
            Salsa20Engine.salsaCore(20, coreInput, coreOutput);
        }
        return coreOutput;
    }
}
