package dev.meshmq.transport;

import dev.meshmq.MonitorEventType;
import java.nio.channels.SocketChannel;

/**
 * The monitor events of one connection, in libzmq's order and each at most as often as it should
 * come: one handshake failure (with the most specific reason known), one COMMAND_IGNORED, one
 * DISCONNECTED. Also remembers whether the connection failed on a protocol error, which its connector
 * reads to decide against reconnecting.
 *
 * <p>Thread-safety: owned by the connection's I/O thread.
 */
final class ConnectionReport {

    private static final byte[] NO_ID = new byte[0];

    private final ConnectionEvents events;
    private final SocketChannel channel;
    private final String remoteAddress;
    private byte[] peerIdentity = NO_ID;
    private boolean handshakeFailureReported;
    private boolean protocolFailure;
    private boolean ignoredCommandReported;

    ConnectionReport(ConnectionEvents events, SocketChannel channel, String remoteAddress) {
        this.events = events;
        this.channel = channel;
        this.remoteAddress = remoteAddress;
    }

    /** The handshake failed: {@code event} (a HANDSHAKE_FAILED_* type) with its value and reason. */
    void handshakeFailed(MonitorEventType event, long value, String reason) {
        if (!handshakeFailureReported) {
            handshakeFailureReported = true;
            if (event == MonitorEventType.HANDSHAKE_FAILED_AUTH) {
                events.authenticationFailed();
            }
            events.emit(event, channel, remoteAddress, peerIdentity, value, reason);
        }
    }

    /** The connection broke the protocol (or the peer refused it); reported by the caller as it fits. */
    void protocolFailed() {
        protocolFailure = true;
    }

    boolean failedOnProtocol() {
        return protocolFailure;
    }

    /** The handshake succeeded with a peer that calls itself {@code identity}. */
    void handshakeSucceeded(byte[] identity) {
        peerIdentity = identity;
        events.emit(MonitorEventType.HANDSHAKE_SUCCEEDED, channel, remoteAddress, peerIdentity, 0, "");
    }

    /** A command was ignored; only the first of the connection is an event. */
    void commandIgnored(String name) {
        if (!ignoredCommandReported) {
            ignoredCommandReported = true;
            events.emit(MonitorEventType.COMMAND_IGNORED, channel, remoteAddress, peerIdentity, 0,
                    "ignored command " + name + " after the handshake");
        }
    }

    /**
     * The connection closed; a connection that never finished its handshake also reports that it failed
     * without a protocol reason, unless a reason was reported already.
     *
     * @param inHandshake whether the handshake was still going on
     * @param reason why
     */
    void closed(boolean inHandshake, String reason) {
        if (inHandshake) {
            handshakeFailed(MonitorEventType.HANDSHAKE_FAILED_NO_DETAIL, 0, reason);
        }
        events.emit(MonitorEventType.DISCONNECTED, channel, remoteAddress, peerIdentity, 0, reason);
    }
}
