package dev.meshmq.transport.curve;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.KeyAgreement;

/**
 * The public-key step of CURVE: the shared key of a key pair and a peer's public key, computed once
 * per pair of keys and then used by a {@link BoxKey} for every box between them.
 *
 * <p>{@link #sharedKey} is libsodium's {@code crypto_box_beforenm}: X25519 (the JDK's {@code XDH})
 * of my secret key and their public key, then HSalsa20 (Bouncy Castle) of that with a zero input.
 *
 * <p>Thread-safety: stateless; every method may be called from any thread.
 */
public final class CurveCrypto {

    /** Bytes in a CURVE public or secret key and in a shared key. */
    public static final int KEY_BYTES = 32;

    private static final byte[] ZERO_INPUT = new byte[16];

    private CurveCrypto() {
    }

    /**
     * Computes the key that boxes between two parties use (libsodium's {@code crypto_box_beforenm}).
     * {@code sharedKey(aPublic, bSecret)} equals {@code sharedKey(bPublic, aSecret)}.
     *
     * @param theirPublic32 the peer's 32-byte public key
     * @param mySecret32 my 32-byte secret key
     * @return the 32-byte shared key; the caller should zero it when done
     * @throws IllegalArgumentException if a key does not have 32 bytes, or if their public key is a
     *         point of small order (the X25519 result is all zeros), which an honest peer never sends
     */
    public static byte[] sharedKey(byte[] theirPublic32, byte[] mySecret32) {
        byte[] point = x25519(theirPublic32, mySecret32);
        try {
            byte[] shared = new byte[KEY_BYTES];
            new HSalsa20().derive(point, ZERO_INPUT, 0, shared);
            return shared;
        } finally {
            Arrays.fill(point, (byte) 0);
        }
    }

    /**
     * X25519 of a secret scalar and a public point (RFC 7748), through the JDK.
     *
     * @param publicKey32 the point's u-coordinate, 32 bytes little-endian
     * @param secret32 the scalar, 32 bytes (clamped by the JDK)
     * @return the 32-byte result
     * @throws IllegalArgumentException if a key does not have 32 bytes or the result is all zeros
     */
    static byte[] x25519(byte[] publicKey32, byte[] secret32) {
        checkLength(publicKey32, "public");
        checkLength(secret32, "secret");
        byte[] result;
        try {
            KeyFactory factory = KeyFactory.getInstance("XDH");
            PrivateKey secret = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, secret32));
            PublicKey point = factory.generatePublic(
                    new XECPublicKeySpec(NamedParameterSpec.X25519, uCoordinate(publicKey32)));
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(secret);
            agreement.doPhase(point, true);
            result = agreement.generateSecret();
        } catch (InvalidKeyException e) {
            // The JDK refuses a small-order point itself ("Point has small order").
            throw new IllegalArgumentException("the peer's public key is not usable: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's X25519 (XDH) failed", e);
        }
        if (isAllZero(result)) {
            throw new IllegalArgumentException("the peer's public key is a point of small order");
        }
        return result;
    }

    /** RFC 7748 section 5: the little-endian u-coordinate with its top bit masked. */
    private static BigInteger uCoordinate(byte[] littleEndian) {
        byte[] bigEndian = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES; i++) {
            bigEndian[i] = littleEndian[KEY_BYTES - 1 - i];
        }
        bigEndian[0] &= 0x7F;
        return new BigInteger(1, bigEndian);
    }

    private static boolean isAllZero(byte[] bytes) {
        int bits = 0;
        for (byte b : bytes) {
            bits |= b;
        }
        return bits == 0;
    }

    private static void checkLength(byte[] key, String what) {
        Objects.requireNonNull(key, what + " key");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a CURVE " + what + " key has 32 bytes, not " + key.length);
        }
    }
}
