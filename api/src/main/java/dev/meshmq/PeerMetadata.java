package dev.meshmq;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a connection's handshake told about its peer, as libzmq exposes it on received messages: the
 * peer's READY (or PLAIN/CURVE INITIATE) properties, such as {@code Socket-Type}, {@code Identity} and
 * the application's {@code X-} properties, the {@code User-Id} and properties an authenticator gave
 * it, and {@code Peer-Address}, the peer's IP address. Names are matched without regard to case.
 *
 * <p>One instance per connection, built once when its handshake ends and shared by every message that
 * came over it; a message reads it with {@link Message#userId()} and {@link Message#peerProperty}.
 *
 * <p>Thread-safety: immutable.
 */
public final class PeerMetadata {

    /** The property an authenticator's User-Id is published under. */
    public static final String USER_ID = "User-Id";
    /** The property the peer's IP address is published under. */
    public static final String PEER_ADDRESS = "Peer-Address";

    private final Map<String, String> properties;

    private PeerMetadata(Map<String, String> properties) {
        this.properties = properties;
    }

    /**
     * Makes the metadata of one connection.
     *
     * @param properties names and values; a later name that differs only in case replaces an earlier one
     * @return the metadata
     */
    public static PeerMetadata of(Map<String, String> properties) {
        Map<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        properties.forEach((name, value) -> sorted.put(Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(value, "value")));
        return new PeerMetadata(Collections.unmodifiableMap(sorted));
    }

    /**
     * Returns a property.
     *
     * @param name the name, in any case
     * @return the value, or empty if the peer has no such property
     */
    public Optional<String> get(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    /**
     * Returns every property.
     *
     * @return an unmodifiable map, ordered by name without regard to case
     */
    public Map<String, String> asMap() {
        return properties;
    }

    @Override
    public String toString() {
        return "PeerMetadata" + properties.keySet();
    }
}
