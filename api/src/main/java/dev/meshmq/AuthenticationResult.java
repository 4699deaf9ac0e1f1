package dev.meshmq;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link Authenticator}'s verdict: the fields of a ZAP reply (RFC 27). An allowed peer's User-Id
 * and properties travel with every message it sends ({@code Message.userId()},
 * {@code Message.peerProperty(name)}).
 *
 * <p>Thread-safety: immutable.
 */
public final class AuthenticationResult {

    /** ZAP's status code for success. */
    public static final int ALLOWED = 200;
    /** ZAP's status code for a temporary error: the client may retry. */
    public static final int TEMPORARY_ERROR = 300;
    /** ZAP's status code for an authentication failure. */
    public static final int DENIED = 400;
    /** ZAP's status code for an internal error of the authenticator. */
    public static final int INTERNAL_ERROR = 500;

    private final int statusCode;
    private final String statusText;
    private final String userId;
    private final Map<String, String> properties;

    private AuthenticationResult(int statusCode, String statusText, String userId, Map<String, String> properties) {
        this.statusCode = statusCode;
        this.statusText = Objects.requireNonNull(statusText, "statusText");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * Allows the peer.
     *
     * @param userId the User-Id its messages carry, possibly empty
     * @return the verdict
     */
    public static AuthenticationResult allow(String userId) {
        return new AuthenticationResult(ALLOWED, "OK", userId, Map.of());
    }

    /**
     * Allows the peer, with properties that its messages carry.
     *
     * @param userId the User-Id, possibly empty
     * @param properties names and values, each name at most 255 bytes in ASCII
     * @return the verdict
     */
    public static AuthenticationResult allow(String userId, Map<String, String> properties) {
        for (String name : properties.keySet()) {
            if (name.isEmpty() || name.length() > 255) {
                throw new IllegalArgumentException("a property name has 1 to 255 characters: '" + name + "'");
            }
        }
        return new AuthenticationResult(ALLOWED, "OK", userId, properties);
    }

    /**
     * Denies the peer with status 400.
     *
     * @param reason why, for the log and the monitor
     * @return the verdict
     */
    public static AuthenticationResult deny(String reason) {
        return deny(DENIED, reason);
    }

    /**
     * Denies the peer with the given ZAP status code.
     *
     * @param statusCode 300, 400 or 500
     * @param reason why
     * @return the verdict
     */
    public static AuthenticationResult deny(int statusCode, String reason) {
        if (statusCode != TEMPORARY_ERROR && statusCode != DENIED && statusCode != INTERNAL_ERROR) {
            throw new IllegalArgumentException("a denial's status code is 300, 400 or 500, not " + statusCode);
        }
        return new AuthenticationResult(statusCode, reason, "", Map.of());
    }

    /**
     * Returns whether the peer is allowed.
     *
     * @return true for status 200
     */
    public boolean allowed() {
        return statusCode == ALLOWED;
    }

    /**
     * Returns the ZAP status code.
     *
     * @return 200, 300, 400 or 500
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * Returns the status text.
     *
     * @return "OK" when allowed, else the reason given
     */
    public String statusText() {
        return statusText;
    }

    /**
     * Returns the User-Id of an allowed peer.
     *
     * @return the id, possibly empty
     */
    public String userId() {
        return userId;
    }

    /**
     * Returns the properties of an allowed peer.
     *
     * @return an unmodifiable map, possibly empty
     */
    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public String toString() {
        return "AuthenticationResult[" + statusCode + " " + statusText
                + (userId.isEmpty() ? "" : ", userId=" + userId) + "]";
    }
}
