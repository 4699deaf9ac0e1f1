package dev.meshmq.transport;

import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.NetworkChannel;

/**
 * Builds and sends monitor events for one endpoint of one socket, and only when the socket is
 * monitored, so an unmonitored socket pays one volatile read per event.
 *
 * <p>Thread-safety: immutable; safe from any thread.
 */
final class ConnectionEvents {

    private static final byte[] NO_ID = new byte[0];

    private final LinkHost host;
    private final String endpoint;

    ConnectionEvents(LinkHost host, String endpoint) {
        this.host = host;
        this.endpoint = endpoint;
    }

    /** Counts a handshake that failed authentication on the socket. */
    void authenticationFailed() {
        host.authenticationFailed();
    }

    void emit(MonitorEventType type, long value, String detail) {
        emit(type, "", "", NO_ID, value, detail);
    }

    void emit(MonitorEventType type, NetworkChannel channel, String remote, byte[] peerId, long value, String detail) {
        if (host.isMonitored()) {
            emit(type, localAddressOf(channel), remote, peerId, value, detail);
        }
    }

    private void emit(MonitorEventType type, String local, String remote, byte[] peerId, long value, String detail) {
        if (host.isMonitored()) {
            host.monitorEvent(new MonitorEvent(type, endpoint, local, remote, peerId, value, detail));
        }
    }

    private static String localAddressOf(NetworkChannel channel) {
        if (channel == null || !channel.isOpen()) {
            return "";
        }
        try {
            SocketAddress address = channel.getLocalAddress();
            return address == null ? "" : address.toString();
        } catch (IOException e) {
            return "";
        }
    }
}
