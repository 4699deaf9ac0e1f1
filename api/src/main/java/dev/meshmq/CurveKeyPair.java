package dev.meshmq;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.KeyAgreement;

/**
 * A CURVE (CurveZMQ, RFC 26) key pair: a 32-byte X25519 secret key and the public key derived from it,
 * byte for byte the keys that libzmq's {@code zmq_curve_keypair} and libsodium make.
 *
 * <p>The public key is X25519 of the secret with the base point u = 9, computed by the JDK's
 * {@code XDH} provider. Keys print as 40 {@link Z85} characters. {@link #toString()} never shows the
 * secret, and {@link #destroy()} zeroes this object's copy of it.
 *
 * <p>Thread-safety: safe to share once made; {@link #destroy()} races with readers of the secret, so
 * call it when no other thread uses the pair.
 */
public final class CurveKeyPair {

    private static final int KEY_BYTES = 32;
    private static final BigInteger BASE_POINT = BigInteger.valueOf(9);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] publicKey;
    private final byte[] secretKey;

    private CurveKeyPair(byte[] publicKey, byte[] secretKey) {
        this.publicKey = publicKey;
        this.secretKey = secretKey;
    }

    /**
     * Makes a new key pair from 32 bytes of {@link SecureRandom}.
     *
     * @return the pair
     */
    public static CurveKeyPair generate() {
        byte[] secret = new byte[KEY_BYTES];
        RANDOM.nextBytes(secret);
        try {
            return fromSecretKey(secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Rebuilds a key pair from its secret key, deriving the public key.
     *
     * @param secret32 the 32-byte secret key, copied
     * @return the pair
     * @throws IllegalArgumentException if the key does not have 32 bytes
     */
    public static CurveKeyPair fromSecretKey(byte[] secret32) {
        Objects.requireNonNull(secret32, "secret32");
        if (secret32.length != KEY_BYTES) {
            throw new IllegalArgumentException("a CURVE secret key has 32 bytes, not " + secret32.length);
        }
        byte[] secret = secret32.clone();
        return new CurveKeyPair(derivePublicKey(secret), secret);
    }

    /**
     * Rebuilds a key pair from its secret key in Z85.
     *
     * @param secretZ85 the secret key as 40 Z85 characters
     * @return the pair
     * @throws IllegalArgumentException if the text is not a Z85 key
     */
    public static CurveKeyPair fromSecretKeyZ85(String secretZ85) {
        byte[] secret = Z85.decodeKey(secretZ85);
        try {
            return fromSecretKey(secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Returns the public key.
     *
     * @return a copy of the 32 bytes
     */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * Returns the secret key.
     *
     * @return a copy of the 32 bytes (zeroes after {@link #destroy()})
     */
    public byte[] secretKey() {
        return secretKey.clone();
    }

    /**
     * Returns the public key as text.
     *
     * @return 40 Z85 characters
     */
    public String publicKeyZ85() {
        return Z85.encode(publicKey);
    }

    /**
     * Returns the secret key as text.
     *
     * @return 40 Z85 characters
     */
    public String secretKeyZ85() {
        return Z85.encode(secretKey);
    }

    /** Zeroes this pair's copy of the secret key; the public key stays readable. */
    public void destroy() {
        Arrays.fill(secretKey, (byte) 0);
    }

    /**
     * Shows the public key only.
     *
     * @return "CurveKeyPair[public=&lt;z85&gt;]"
     */
    @Override
    public String toString() {
        return "CurveKeyPair[public=" + publicKeyZ85() + "]";
    }

    private static byte[] derivePublicKey(byte[] secret) {
        try {
            KeyFactory factory = KeyFactory.getInstance("XDH");
            PrivateKey privateKey = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, secret));
            PublicKey basePoint = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BASE_POINT));
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(privateKey);
            agreement.doPhase(basePoint, true);
            byte[] publicKey = agreement.generateSecret();
            if (publicKey.length != KEY_BYTES) {
                throw new InvalidKeyException("X25519 gave " + publicKey.length + " bytes");
            }
            return publicKey;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's X25519 (XDH) failed to derive a public key", e);
        }
    }
}
