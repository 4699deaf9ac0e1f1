package dev.meshmq.transport;

import dev.meshmq.transport.curve.BoxKey;
import dev.meshmq.transport.curve.BoxOpenException;
import dev.meshmq.transport.curve.CurveCrypto;
import dev.meshmq.transport.zmtp.ProtocolError;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The small boxes of the CURVE handshake (RFC 26): nonce building (a 16-byte prefix and an 8-byte
 * big-endian counter, or an 8-byte prefix and 16 random bytes) and sealing or opening a box held in
 * an array, with the failures reported as ZMTP protocol errors.
 *
 * <p>Thread-safety: stateless (the random source is thread-safe).
 */
final class CurveBoxes {

    static final int KEY = CurveCrypto.KEY_BYTES;
    static final int TAG = BoxKey.TAG_BYTES;
    static final int SHORT_NONCE = 8;
    static final int LONG_NONCE = 16;
    static final byte[] HELLO_PREFIX = ascii("CurveZMQHELLO---");
    static final byte[] WELCOME_PREFIX = ascii("WELCOME-");
    static final byte[] COOKIE_PREFIX = ascii("COOKIE--");
    static final byte[] VOUCH_PREFIX = ascii("VOUCH---");
    static final byte[] INITIATE_PREFIX = ascii("CurveZMQINITIATE");
    static final byte[] READY_PREFIX = ascii("CurveZMQREADY---");
    static final byte[] MESSAGE_CLIENT_PREFIX = ascii("CurveZMQMESSAGEC");
    static final byte[] MESSAGE_SERVER_PREFIX = ascii("CurveZMQMESSAGES");
    private static final SecureRandom RANDOM = new SecureRandom();

    private CurveBoxes() {
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A nonce of a 16-byte prefix and a counter, big-endian. */
    static byte[] shortNonce(byte[] prefix, long counter) {
        byte[] nonce = Arrays.copyOf(prefix, BoxKey.NONCE_BYTES);
        for (int i = 0; i < SHORT_NONCE; i++) {
            nonce[BoxKey.NONCE_BYTES - 1 - i] = (byte) (counter >>> (8 * i));
        }
        return nonce;
    }

    /** A nonce of a 16-byte prefix and the 8 counter bytes at {@code src[offset]}. */
    static byte[] shortNonce(byte[] prefix, byte[] src, int offset) {
        byte[] nonce = Arrays.copyOf(prefix, BoxKey.NONCE_BYTES);
        System.arraycopy(src, offset, nonce, LONG_NONCE, SHORT_NONCE);
        return nonce;
    }

    /** A nonce of an 8-byte prefix and 16 random bytes. */
    static byte[] longNonce(byte[] prefix) {
        byte[] nonce = Arrays.copyOf(prefix, BoxKey.NONCE_BYTES);
        byte[] random = new byte[LONG_NONCE];
        RANDOM.nextBytes(random);
        System.arraycopy(random, 0, nonce, SHORT_NONCE, LONG_NONCE);
        return nonce;
    }

    /** A nonce of an 8-byte prefix and the 16 bytes at {@code src[offset]}. */
    static byte[] longNonce(byte[] prefix, byte[] src, int offset) {
        byte[] nonce = Arrays.copyOf(prefix, BoxKey.NONCE_BYTES);
        System.arraycopy(src, offset, nonce, SHORT_NONCE, LONG_NONCE);
        return nonce;
    }

    /** Reads the 8-byte big-endian counter at {@code src[offset]}. */
    static long counter(byte[] src, int offset) {
        long value = 0;
        for (int i = 0; i < SHORT_NONCE; i++) {
            value = (value << 8) | (src[offset + i] & 0xFF);
        }
        return value;
    }

    /** Seals {@code plain} into a new array: the tag, then the ciphertext. */
    static byte[] seal(BoxKey key, byte[] nonce, byte[] plain) {
        byte[] box = new byte[plain.length + TAG];
        key.seal(nonce, plain, 0, plain.length, box, 0);
        return box;
    }

    /**
     * Opens {@code length} bytes at {@code src[offset]} into a new array.
     *
     * @throws ZmtpProtocolException CRYPTOGRAPHIC if the box does not open
     */
    static byte[] open(BoxKey key, byte[] nonce, byte[] src, int offset, int length, String what)
            throws ZmtpProtocolException {
        if (length < TAG) {
            throw new ZmtpProtocolException(ProtocolError.CRYPTOGRAPHIC, what + " box is shorter than its tag");
        }
        byte[] plain = new byte[length - TAG];
        try {
            key.open(nonce, src, offset, length, plain, 0);
        } catch (BoxOpenException e) {
            throw new ZmtpProtocolException(ProtocolError.CRYPTOGRAPHIC, what + " box does not open: "
                    + e.getMessage());
        }
        return plain;
    }

    /** The box key between a secret key and a public key; the shared secret is zeroed once copied. */
    static BoxKey boxKey(byte[] theirPublic, byte[] mySecret) throws ZmtpProtocolException {
        byte[] shared;
        try {
            shared = CurveCrypto.sharedKey(theirPublic, mySecret);
        } catch (IllegalArgumentException e) {
            throw new ZmtpProtocolException(ProtocolError.KEY_EXCHANGE, "unusable CURVE key: " + e.getMessage());
        }
        try {
            return new BoxKey(shared);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    static void zero(byte[]... secrets) {
        for (byte[] secret : secrets) {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }
}
