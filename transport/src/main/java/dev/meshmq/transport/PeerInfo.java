package dev.meshmq.transport;

import dev.meshmq.SocketType;
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
 */
public record PeerInfo(Optional<SocketType> socketType, byte[] identity, String remoteAddress, int zmtpMinor) {
}
