package dev.meshmq.transport;

import dev.meshmq.Authenticator;
import dev.meshmq.CurveKeyPair;
import java.util.Map;
import java.util.Objects;

/**
 * A socket's security options as the transport needs them: which mechanism its connections use, in
 * which role, with which credentials, and who authenticates its peers.
 *
 * <p>The mechanism follows from the options as in libzmq: CURVE if the socket is a CURVE server or has
 * a server key, else PLAIN if it is a PLAIN server or has a user name, else NULL.
 *
 * <p>CURVE: this side's long-term public key is derived from its secret key once, here, when the socket's
 * settings are built (an X25519 base-point multiplication), not per connection or handshake; a
 * CURVE_PUBLIC_KEY that was set is replaced by the derived key, the one the handshake must name.
 *
 * <p>Keys are copied in and every key accessor returns a copy, so no holder can change them;
 * {@link #toString()} shows neither the password nor any key.
 *
 * <p>Thread-safety: immutable.
 *
 * @param kind the mechanism
 * @param server whether this side takes the mechanism's server role (PLAIN_SERVER or CURVE_SERVER)
 * @param username PLAIN client: the user name
 * @param password PLAIN client: the password
 * @param curvePublicKey CURVE: this side's long-term public key, 32 bytes, or null; derived from
 *         {@code curveSecretKey} when that is set and the mechanism is CURVE
 * @param curveSecretKey CURVE: this side's long-term secret key, 32 bytes, or null
 * @param curveServerKey CURVE client: the server's long-term public key, 32 bytes, or null
 * @param zapDomain the ZAP domain, possibly empty
 * @param zapEnforceDomain whether a socket that should authenticate refuses peers when nobody can judge
 * @param authenticator the socket's authenticator, or null to ask a ZAP handler
 * @param metadata application properties to announce in READY/INITIATE
 */
public record SecuritySettings(Kind kind, boolean server, String username, String password, byte[] curvePublicKey,
        byte[] curveSecretKey, byte[] curveServerKey, String zapDomain, boolean zapEnforceDomain,
        Authenticator authenticator, Map<String, String> metadata) {

    /** The security mechanisms. */
    public enum Kind {
        /** No security (RFC 37). */
        NULL,
        /** User name and password in clear text (RFC 24). */
        PLAIN,
        /** CurveZMQ (RFC 26). */
        CURVE;

        /** Returns the name the greeting carries. */
        String wireName() {
            return name();
        }
    }

    /** No security, no authentication: the settings of a socket that sets no security option. */
    public static final SecuritySettings NONE =
            new SecuritySettings(Kind.NULL, false, "", "", null, null, null, "", false, null, Map.of());

    /**
     * Checks the values, copies the keys and, for CURVE with a secret key, derives the public key.
     *
     * @throws IllegalArgumentException if a CURVE secret key does not have 32 bytes
     */
    public SecuritySettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(zapDomain, "zapDomain");
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
        curveSecretKey = copy(curveSecretKey);
        curveServerKey = copy(curveServerKey);
        curvePublicKey = kind == Kind.CURVE && curveSecretKey != null ? derivePublicKey(curveSecretKey)
                : copy(curvePublicKey);
    }

    /**
     * Returns this side's long-term CURVE public key.
     *
     * @return a copy of the 32 bytes, or null
     */
    @Override
    public byte[] curvePublicKey() {
        return copy(curvePublicKey);
    }

    /**
     * Returns this side's long-term CURVE secret key.
     *
     * @return a copy of the 32 bytes, or null
     */
    @Override
    public byte[] curveSecretKey() {
        return copy(curveSecretKey);
    }

    /**
     * Returns the CURVE server's long-term public key (CURVE client).
     *
     * @return a copy of the 32 bytes, or null
     */
    @Override
    public byte[] curveServerKey() {
        return copy(curveServerKey);
    }

    /**
     * Describes the settings without the password or any key.
     *
     * @return the mechanism, role, user name, ZAP settings and which keys are set
     */
    @Override
    public String toString() {
        return "SecuritySettings[kind=" + kind + ", server=" + server + ", username=" + username
                + ", curveSecretKey=" + (curveSecretKey == null ? "unset" : "set")
                + ", curveServerKey=" + (curveServerKey == null ? "unset" : "set") + ", zapDomain=" + zapDomain
                + ", zapEnforceDomain=" + zapEnforceDomain + ", metadata=" + metadata.keySet() + "]";
    }

    private static byte[] copy(byte[] key) {
        return key == null ? null : key.clone();
    }

    private static byte[] derivePublicKey(byte[] secretKey) {
        CurveKeyPair pair = CurveKeyPair.fromSecretKey(secretKey);
        pair.destroy();
        return pair.publicKey();
    }

    /**
     * Derives the settings from the option values, choosing the mechanism as libzmq does.
     *
     * @param curveServer CURVE_SERVER
     * @param plainServer PLAIN_SERVER
     * @param credentials PLAIN_USERNAME and PLAIN_PASSWORD
     * @param keys CURVE_PUBLIC_KEY, CURVE_SECRET_KEY and CURVE_SERVER_KEY (each null if unset)
     * @param zap ZAP_DOMAIN, ZAP_ENFORCE_DOMAIN and AUTHENTICATOR
     * @param metadata METADATA
     * @return the settings
     */
    public static SecuritySettings of(boolean curveServer, boolean plainServer, String[] credentials, byte[][] keys,
            Zap zap, Map<String, String> metadata) {
        Kind kind = curveServer || keys[2] != null ? Kind.CURVE
                : plainServer || !credentials[0].isEmpty() ? Kind.PLAIN : Kind.NULL;
        boolean server = kind == Kind.CURVE ? curveServer : kind == Kind.PLAIN && plainServer;
        return new SecuritySettings(kind, server, credentials[0], credentials[1], keys[0], keys[1], keys[2],
                zap.domain(), zap.enforceDomain(), zap.authenticator(), metadata);
    }

    /**
     * The ZAP options.
     *
     * @param domain ZAP_DOMAIN
     * @param enforceDomain ZAP_ENFORCE_DOMAIN
     * @param authenticator AUTHENTICATOR, or null
     */
    public record Zap(String domain, boolean enforceDomain, Authenticator authenticator) {
    }

    /**
     * Returns whether this side judges its peers: a PLAIN or CURVE server, or NULL with a ZAP domain.
     *
     * @return true if the handshake asks an authenticator
     */
    boolean authenticates() {
        return kind == Kind.NULL ? !zapDomain.isEmpty() : server;
    }
}
