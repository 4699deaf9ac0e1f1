package dev.meshmq.transport;

import dev.meshmq.AuthenticationResult;
import dev.meshmq.PeerMetadata;
import dev.meshmq.SocketType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the handshake told about the peer of a connection.
 *
 * <p>Thread-safety: immutable (the identity array is not modified after construction).
 *
 * @param socketType the peer's socket type, empty if its READY named none
 * @param identity the peer's Identity property, empty array if none
 * @param remoteAddress the peer's address as text, for events and logs
 * @param zmtpMinor the minor ZMTP version the peer greeted with (0 for 3.0, 1 for 3.1)
 * @param metadata what received messages tell of their sender ({@link dev.meshmq.Message#peerProperty}),
 *     or null for none (inproc)
 */
public record PeerInfo(Optional<SocketType> socketType, byte[] identity, String remoteAddress, int zmtpMinor,
        PeerMetadata metadata) {

    /**
     * A peer without metadata (inproc).
     *
     * @param socketType the peer's socket type
     * @param identity the peer's routing id
     * @param remoteAddress the peer's address as text
     * @param zmtpMinor the ZMTP minor version
     */
    public PeerInfo(Optional<SocketType> socketType, byte[] identity, String remoteAddress, int zmtpMinor) {
        this(socketType, identity, remoteAddress, zmtpMinor, null);
    }

    /**
     * Returns this peer with what its authenticator said added to its metadata: the User-Id, when not
     * empty, and the properties.
     *
     * @param result the allowing verdict
     * @return the peer
     */
    PeerInfo withAuthentication(AuthenticationResult result) {
        if (result.userId().isEmpty() && result.properties().isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(metadata == null ? Map.of() : metadata.asMap());
        merged.putAll(result.properties());
        if (!result.userId().isEmpty()) {
            merged.put(PeerMetadata.USER_ID, result.userId());
        }
        return new PeerInfo(socketType, identity, remoteAddress, zmtpMinor, PeerMetadata.of(merged));
    }
}
