package dev.meshmq.transport.curve;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Seals and opens XSalsa20-Poly1305 boxes under one 32-byte key, in libsodium's combined layout: the
 * 16-byte Poly1305 tag, then the ciphertext ({@code crypto_box_easy_afternm},
 * {@code crypto_secretbox_easy}). This is the layout CurveZMQ's boxes carry. With the shared key of
 * {@link CurveCrypto#sharedKey} it is a crypto_box; with a random key ({@link #random()}) a
 * secretbox, as for CURVE's cookie.
 *
 * <p>XSalsa20 with a 24-byte nonce is HSalsa20 of the key and the nonce's first 16 bytes, giving a
 * subkey, then Salsa20 with that subkey and the nonce's last 8 bytes. The first 32 bytes of that key
 * stream are the one-time Poly1305 key; the rest encrypts the message. CurveZMQ's nonces keep their
 * first 16 bytes ("CurveZMQMESSAGEC" one way, "CurveZMQMESSAGES" the other) and count in the last 8,
 * so this class keeps a Salsa20 engine keyed with the subkey of each of the last two prefixes, and
 * runs HSalsa20 again only for a third. After that a call allocates nothing: the Bouncy Castle Salsa20
 * engine and Poly1305 are re-initialised in place.
 *
 * <p>{@link #open} checks the tag (in constant time) before it writes any plaintext.
 *
 * <p>Thread-safety: not thread-safe; one instance per connection (or per direction), used by one
 * thread at a time.
 */
public final class BoxKey {

    /** Bytes of the Poly1305 tag that leads every box. */
    public static final int TAG_BYTES = 16;
    /** Bytes of an XSalsa20 nonce. */
    public static final int NONCE_BYTES = 24;

    private static final int KEY_BYTES = 32;
    private static final int PREFIX_BYTES = 16;
    private static final int SALSA_NONCE_BYTES = 8;
    private static final int SCRATCH_BYTES = 8192;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final HSalsa20 hsalsa = new HSalsa20();
    private final byte[] subkey = new byte[KEY_BYTES];
    private final PrefixStream[] streams = {new PrefixStream(), new PrefixStream()};
    private final ParametersWithIV sameSubkey = new ParametersWithIV(null, new byte[SALSA_NONCE_BYTES]);
    private final byte[] salsaNonce = sameSubkey.getIV();
    private final Poly1305 poly = new Poly1305();
    private final KeyParameter polyKeyParameter = new KeyParameter(new byte[KEY_BYTES]);
    private final byte[] polyKey = polyKeyParameter.getKey();
    private final byte[] zeros = new byte[KEY_BYTES];
    private final byte[] computedTag = new byte[TAG_BYTES];
    private final byte[] leadingByte = new byte[1];
    private byte[] scratch;
    private Salsa20Engine salsa;
    private int lastUsed;
    private boolean destroyed;

    /**
     * Makes a box key.
     *
     * @param key32 the 32-byte key, copied
     * @throws IllegalArgumentException if the key does not have 32 bytes
     */
    public BoxKey(byte[] key32) {
        Objects.requireNonNull(key32, "key32");
        if (key32.length != KEY_BYTES) {
            throw new IllegalArgumentException("a box key has 32 bytes, not " + key32.length);
        }
        this.key = key32.clone();
    }

    /**
     * Makes a second key of the same bytes with working state of its own, for a connection whose two
     * directions are used by different threads (one instance must never be used by two at once).
     *
     * @return the copy
     * @throws IllegalStateException if this key was destroyed
     */
    public BoxKey copy() {
        if (destroyed) {
            throw new IllegalStateException("the box key was destroyed");
        }
        return new BoxKey(key);
    }

    /**
     * Makes a secretbox key of 32 random bytes, as for CURVE's cookie.
     *
     * @return the key
     */
    public static BoxKey random() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        try {
            return new BoxKey(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Seals {@code len} bytes of {@code src} into {@code dst}: the tag, then the ciphertext. The output
     * may overlap the input only if it starts at least {@value #TAG_BYTES} bytes before it.
     *
     * @param nonce24 the 24-byte nonce; never seal twice with one nonce under one key
     * @param src the plaintext
     * @param srcOff where it starts
     * @param len its length
     * @param dst receives {@code len + 16} bytes
     * @param dstOff where they go
     * @return the bytes written, {@code len + 16}
     */
    public int seal(byte[] nonce24, byte[] src, int srcOff, int len, byte[] dst, int dstOff) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        Objects.checkFromIndexSize(dstOff, len + TAG_BYTES, dst.length);
        startMessage(nonce24);
        salsa.processBytes(src, srcOff, len, dst, dstOff + TAG_BYTES);
        poly.update(dst, dstOff + TAG_BYTES, len);
        poly.doFinal(dst, dstOff);
        return len + TAG_BYTES;
    }

    /**
     * Opens a box of {@code len} bytes (tag and ciphertext) from {@code src} into {@code dst}, which
     * receives {@code len - 16} bytes of plaintext only if the tag is right. The output may overlap the
     * input only if it starts no later than the ciphertext (at most {@code srcOff + 16}); opening in
     * place at the same offset is fine.
     *
     * @param nonce24 the 24-byte nonce the box was sealed with
     * @param src the box
     * @param srcOff where it starts
     * @param len its length, tag included
     * @param dst receives the plaintext
     * @param dstOff where it goes
     * @return the plaintext's length, {@code len - 16}
     * @throws BoxOpenException if the box is shorter than a tag or its tag is wrong; {@code dst} is
     *         then untouched
     */
    public int open(byte[] nonce24, byte[] src, int srcOff, int len, byte[] dst, int dstOff)
            throws BoxOpenException {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        if (len < TAG_BYTES) {
            throw new BoxOpenException("a box has at least " + TAG_BYTES + " bytes; this one has " + len);
        }
        int plainLength = len - TAG_BYTES;
        Objects.checkFromIndexSize(dstOff, plainLength, dst.length);
        startMessage(nonce24);
        poly.update(src, srcOff + TAG_BYTES, plainLength);
        poly.doFinal(computedTag, 0);
        if (!tagMatches(src, srcOff)) {
            throw new BoxOpenException("the box's tag is wrong: forged, damaged, or another key or nonce");
        }
        salsa.processBytes(src, srcOff + TAG_BYTES, plainLength, dst, dstOff);
        return plainLength;
    }

    /**
     * Opens a box whose plaintext is one leading byte and then a body, as a CurveZMQ MESSAGE's is (its
     * flags, then the frame): the body goes to {@code dst} and the leading byte is returned, so a caller
     * that keeps the body in an array of its own decrypts straight into it, with no copy after. Checks
     * the tag first, like {@link #open(byte[], byte[], int, int, byte[], int)}.
     *
     * @param nonce24 the 24-byte nonce the box was sealed with
     * @param src the box
     * @param srcOff where it starts
     * @param len its length, tag included: at least 17
     * @param dst receives the {@code len - 17} bytes of the body
     * @param dstOff where they go
     * @return the leading byte, 0 to 255
     * @throws BoxOpenException if the box is shorter than a tag and one byte or its tag is wrong;
     *         {@code dst} is then untouched
     */
    public int openLeadingByte(byte[] nonce24, byte[] src, int srcOff, int len, byte[] dst, int dstOff)
            throws BoxOpenException {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        if (len < TAG_BYTES + 1) {
            throw new BoxOpenException("this box has " + (TAG_BYTES + 1) + " bytes at least; it has " + len);
        }
        int bodyLength = len - TAG_BYTES - 1;
        Objects.checkFromIndexSize(dstOff, bodyLength, dst.length);
        startMessage(nonce24);
        poly.update(src, srcOff + TAG_BYTES, len - TAG_BYTES);
        poly.doFinal(computedTag, 0);
        if (!tagMatches(src, srcOff)) {
            throw new BoxOpenException("the box's tag is wrong: forged, damaged, or another key or nonce");
        }
        salsa.processBytes(src, srcOff + TAG_BYTES, 1, leadingByte, 0);
        salsa.processBytes(src, srcOff + TAG_BYTES + 1, bodyLength, dst, dstOff);
        return leadingByte[0] & 0xFF;
    }

    /**
     * Seals the remaining bytes of {@code src} into {@code dst}, advancing both positions. Heap
     * buffers are processed in place; a direct buffer goes through a scratch array of this key
     * (one copy, no allocation after the first call).
     *
     * @param nonce24 the nonce
     * @param src the plaintext, from its position to its limit
     * @param dst receives the tag and ciphertext, {@code src.remaining() + 16} bytes
     * @return the bytes written
     */
    public int seal(byte[] nonce24, ByteBuffer src, ByteBuffer dst) {
        int len = src.remaining();
        if (dst.remaining() < len + TAG_BYTES) {
            throw new IllegalArgumentException("the output has room for " + dst.remaining() + " bytes, not "
                    + (len + TAG_BYTES));
        }
        if (src.hasArray() && dst.hasArray()) {
            int written = seal(nonce24, src.array(), src.arrayOffset() + src.position(), len,
                    dst.array(), dst.arrayOffset() + dst.position());
            src.position(src.limit());
            dst.position(dst.position() + written);
            return written;
        }
        int tagPosition = dst.position();
        dst.position(tagPosition + TAG_BYTES);
        startMessage(nonce24);
        byte[] buffer = scratch();
        while (src.hasRemaining()) {
            int chunk = Math.min(buffer.length, src.remaining());
            src.get(buffer, 0, chunk);
            salsa.processBytes(buffer, 0, chunk, buffer, 0);
            poly.update(buffer, 0, chunk);
            dst.put(buffer, 0, chunk);
        }
        poly.doFinal(computedTag, 0);
        dst.put(tagPosition, computedTag);
        return len + TAG_BYTES;
    }

    /**
     * Opens the box held by the remaining bytes of {@code src} into {@code dst}, advancing both
     * positions only if it opens. Heap buffers are processed in place; a direct buffer goes through a
     * scratch array of this key.
     *
     * @param nonce24 the nonce
     * @param src the box, tag first, from its position to its limit
     * @param dst receives {@code src.remaining() - 16} bytes of plaintext
     * @return the plaintext's length
     * @throws BoxOpenException if the box is shorter than a tag or its tag is wrong
     */
    public int open(byte[] nonce24, ByteBuffer src, ByteBuffer dst) throws BoxOpenException {
        int len = src.remaining();
        if (len >= TAG_BYTES && dst.remaining() < len - TAG_BYTES) {
            throw new IllegalArgumentException("the output has room for " + dst.remaining() + " bytes, not "
                    + (len - TAG_BYTES));
        }
        if (src.hasArray() && dst.hasArray()) {
            int plain = open(nonce24, src.array(), src.arrayOffset() + src.position(), len,
                    dst.array(), dst.arrayOffset() + dst.position());
            src.position(src.limit());
            dst.position(dst.position() + plain);
            return plain;
        }
        if (len < TAG_BYTES) {
            throw new BoxOpenException("a box has at least " + TAG_BYTES + " bytes; this one has " + len);
        }
        startMessage(nonce24);
        byte[] buffer = scratch();
        int start = src.position();
        for (int at = start + TAG_BYTES; at < start + len; at += buffer.length) {
            int chunk = Math.min(buffer.length, start + len - at);
            src.get(at, buffer, 0, chunk);
            poly.update(buffer, 0, chunk);
        }
        poly.doFinal(computedTag, 0);
        if (!tagMatches(src, start)) {
            throw new BoxOpenException("the box's tag is wrong: forged, damaged, or another key or nonce");
        }
        src.position(start + TAG_BYTES);
        while (src.hasRemaining()) {
            int chunk = Math.min(buffer.length, src.remaining());
            src.get(buffer, 0, chunk);
            salsa.processBytes(buffer, 0, chunk, buffer, 0);
            dst.put(buffer, 0, chunk);
        }
        return len - TAG_BYTES;
    }

    /** Zeroes the key and every piece of key material this object holds; it cannot be used after. */
    public void destroy() {
        destroyed = true;
        Arrays.fill(key, (byte) 0);
        Arrays.fill(subkey, (byte) 0);
        Arrays.fill(polyKey, (byte) 0);
        if (scratch != null) {
            Arrays.fill(scratch, (byte) 0);
        }
        // Overwrite the subkeys and key streams in the engines' state and the r and s of Poly1305.
        for (PrefixStream stream : streams) {
            stream.rekey(zeros, new byte[SALSA_NONCE_BYTES]);
            stream.used = false;
            Arrays.fill(stream.prefix, (byte) 0);
        }
        poly.init(polyKeyParameter);
    }

    @Override
    public String toString() {
        return destroyed ? "BoxKey[destroyed]" : "BoxKey[]";
    }

    /** Sets the Salsa20 engine to this nonce and Poly1305 to the message's one-time key. */
    private void startMessage(byte[] nonce24) {
        Objects.requireNonNull(nonce24, "nonce24");
        if (nonce24.length != NONCE_BYTES) {
            throw new IllegalArgumentException("a box nonce has 24 bytes, not " + nonce24.length);
        }
        if (destroyed) {
            throw new IllegalStateException("this box key was destroyed");
        }
        System.arraycopy(nonce24, PREFIX_BYTES, salsaNonce, 0, SALSA_NONCE_BYTES);
        int index = streams[lastUsed].holds(nonce24) ? lastUsed : 1 - lastUsed;
        PrefixStream stream = streams[index];
        if (stream.holds(nonce24)) {
            stream.engine.init(true, sameSubkey);
        } else {
            hsalsa.derive(key, nonce24, 0, subkey);
            stream.rekey(subkey, salsaNonce);
            Arrays.fill(subkey, (byte) 0);
            System.arraycopy(nonce24, 0, stream.prefix, 0, PREFIX_BYTES);
            stream.used = true;
        }
        lastUsed = index;
        salsa = stream.engine;
        salsa.processBytes(zeros, 0, KEY_BYTES, polyKey, 0);
        poly.init(polyKeyParameter);
        Arrays.fill(polyKey, (byte) 0);
    }

    private boolean tagMatches(byte[] box, int offset) {
        int difference = 0;
        for (int i = 0; i < TAG_BYTES; i++) {
            difference |= computedTag[i] ^ box[offset + i];
        }
        return difference == 0;
    }

    private boolean tagMatches(ByteBuffer box, int offset) {
        int difference = 0;
        for (int i = 0; i < TAG_BYTES; i++) {
            difference |= computedTag[i] ^ box.get(offset + i);
        }
        return difference == 0;
    }

    private byte[] scratch() {
        if (scratch == null) {
            scratch = new byte[SCRATCH_BYTES];
        }
        return scratch;
    }

    /** A Salsa20 engine keyed with the HSalsa20 subkey of one nonce prefix. */
    private static final class PrefixStream {

        final byte[] prefix = new byte[PREFIX_BYTES];
        final Salsa20Engine engine = new Salsa20Engine();
        boolean used;

        boolean holds(byte[] nonce24) {
            return used && Arrays.equals(prefix, 0, PREFIX_BYTES, nonce24, 0, PREFIX_BYTES);
        }

        void rekey(byte[] subkey32, byte[] salsaNonce8) {
            KeyParameter subkeyParameter = new KeyParameter(subkey32);
            try {
                engine.init(true, new ParametersWithIV(subkeyParameter, salsaNonce8));
            } finally {
                Arrays.fill(subkeyParameter.getKey(), (byte) 0);
            }
        }
    }
}
