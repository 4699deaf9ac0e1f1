package dev.meshmq.transport;

import dev.meshmq.SocketType;
import dev.meshmq.transport.zmtp.ProtocolError;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import dev.meshmq.transport.zmtp.ZmtpWire;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The NULL mechanism's READY exchange (RFC 37): what this side announces, what it accepts from the
 * peer, and how a peer's ERROR reason is read.
 *
 * <p>Thread-safety: stateless.
 */
final class ReadyExchange {

    private static final byte[] NO_BYTES = new byte[0];

    private ReadyExchange() {
    }

    /**
     * READY's properties: the socket type, and for REQ, DEALER and ROUTER the Identity, as libzmq sends.
     *
     * @param options the local socket's settings
     * @return the properties in the order they are sent
     */
    static Map<String, byte[]> readyProperties(TransportOptions options) {
        SocketType type = options.socketType();
        Map<String, byte[]> properties = new LinkedHashMap<>();
        properties.put(ZmtpWire.PROPERTY_SOCKET_TYPE, type.zmtpName().getBytes(StandardCharsets.US_ASCII));
        if (type == SocketType.REQ || type == SocketType.DEALER || type == SocketType.ROUTER) {
            properties.put(ZmtpWire.PROPERTY_IDENTITY, options.routingId());
        }
        return properties;
    }

    /**
     * Checks the peer's READY: a Socket-Type, if named, must be one this socket can talk to.
     *
     * @param local this socket's type
     * @param properties the peer's READY properties
     * @param remoteAddress the peer's address, for the result
     * @param zmtpMinor the peer's ZMTP minor version
     * @return what the handshake told about the peer
     * @throws ZmtpProtocolException INCOMPATIBLE_SOCKET_TYPE if the types do not go together
     */
    static PeerInfo checkPeer(SocketType local, Map<String, byte[]> properties, String remoteAddress, int zmtpMinor)
            throws ZmtpProtocolException {
        Optional<SocketType> peerType = Optional.empty();
        byte[] typeName = properties.get(ZmtpWire.PROPERTY_SOCKET_TYPE);
        if (typeName != null) {
            String text = new String(typeName, StandardCharsets.US_ASCII);
            peerType = SocketType.fromZmtpName(text);
            if (peerType.isEmpty() || !local.isCompatibleWith(peerType.get())) {
                throw new ZmtpProtocolException(ProtocolError.INCOMPATIBLE_SOCKET_TYPE,
                        "a " + local + " socket cannot talk to a " + text + " peer");
            }
        }
        byte[] identity = properties.getOrDefault(ZmtpWire.PROPERTY_IDENTITY, NO_BYTES);
        return new PeerInfo(peerType, identity, remoteAddress, zmtpMinor);
    }

    /**
     * Reads an ERROR reason as a ZAP status code, as libzmq does to tell an authentication failure.
     *
     * @param reason the ERROR command's reason
     * @return 300, 400 or 500 if {@code reason} is exactly that code, else 0
     */
    static int zapStatusCode(String reason) {
        if (reason.length() == 3 && reason.charAt(1) == '0' && reason.charAt(2) == '0'
                && reason.charAt(0) >= '3' && reason.charAt(0) <= '5') {
            return (reason.charAt(0) - '0') * 100;
        }
        return 0;
    }
}
