package dev.meshmq;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link Authenticator} is told about a peer in its handshake: the fields of a ZAP request
 * (RFC 27).
 *
 * <p>Thread-safety: immutable; the byte arrays are copied in and out.
 */
public final class AuthenticationRequest {

    private final String mechanism;
    private final String domain;
    private final String address;
    private final byte[] routingId;
    private final String username;
    private final String password;
    private final byte[] clientPublicKey;

    private AuthenticationRequest(String mechanism, String domain, String address, byte[] routingId,
            String username, String password, byte[] clientPublicKey) {
        this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.address = Objects.requireNonNull(address, "address");
        this.routingId = routingId.clone();
        this.username = username;
        this.password = password;
        this.clientPublicKey = clientPublicKey == null ? null : clientPublicKey.clone();
    }

    /**
     * A request for a NULL handshake (asked only when the socket has a ZAP domain).
     *
     * @param domain the socket's ZAP domain
     * @param address the peer's address, for example "192.0.2.7" (no port), or "" for inproc
     * @param routingId the peer's routing id as it announced it, possibly empty
     * @return the request
     */
    public static AuthenticationRequest forNull(String domain, String address, byte[] routingId) {
        return new AuthenticationRequest("NULL", domain, address, routingId, null, null, null);
    }

    /**
     * A request for a PLAIN handshake.
     *
     * @param domain the socket's ZAP domain, possibly empty
     * @param address the peer's address
     * @param routingId the peer's routing id
     * @param username the user name the client sent
     * @param password the password the client sent
     * @return the request
     */
    public static AuthenticationRequest forPlain(String domain, String address, byte[] routingId,
            String username, String password) {
        return new AuthenticationRequest("PLAIN", domain, address, routingId,
                Objects.requireNonNull(username, "username"), Objects.requireNonNull(password, "password"), null);
    }

    /**
     * A request for a CURVE handshake.
     *
     * @param domain the socket's ZAP domain, possibly empty
     * @param address the peer's address
     * @param routingId the peer's routing id
     * @param clientPublicKey the client's long-term public key, 32 bytes
     * @return the request
     */
    public static AuthenticationRequest forCurve(String domain, String address, byte[] routingId,
            byte[] clientPublicKey) {
        if (clientPublicKey.length != 32) {
            throw new IllegalArgumentException("a CURVE public key has 32 bytes, not " + clientPublicKey.length);
        }
        return new AuthenticationRequest("CURVE", domain, address, routingId, null, null, clientPublicKey);
    }

    /**
     * Returns the mechanism the peer used.
     *
     * @return "NULL", "PLAIN" or "CURVE"
     */
    public String mechanism() {
        return mechanism;
    }

    /**
     * Returns the socket's ZAP domain.
     *
     * @return the domain, possibly empty
     */
    public String domain() {
        return domain;
    }

    /**
     * Returns the peer's address: its IP address as text for tcp, the path for ipc, "" for inproc.
     *
     * @return the address
     */
    public String address() {
        return address;
    }

    /**
     * Returns the routing id the peer announced in its handshake.
     *
     * @return a copy, possibly empty
     */
    public byte[] routingId() {
        return routingId.clone();
    }

    /**
     * Returns the user name a PLAIN client sent.
     *
     * @return the name, or empty for other mechanisms
     */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /**
     * Returns the password a PLAIN client sent.
     *
     * @return the password, or empty for other mechanisms
     */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /**
     * Returns a CURVE client's long-term public key.
     *
     * @return a copy of the 32 bytes, or empty for other mechanisms
     */
    public Optional<byte[]> clientPublicKey() {
        return clientPublicKey == null ? Optional.empty() : Optional.of(clientPublicKey.clone());
    }

    @Override
    public String toString() {
        return "AuthenticationRequest[" + mechanism + ", domain=" + domain + ", address=" + address
                + (username == null ? "" : ", username=" + username)
                + (clientPublicKey == null ? "" : ", key=" + Arrays.hashCode(clientPublicKey)) + "]";
    }
}
