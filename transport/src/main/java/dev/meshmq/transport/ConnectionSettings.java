package dev.meshmq.transport;

import dev.meshmq.Message;

/**
 * Per-connection settings of tcp and ipc connections beyond ZMTP: the kernel socket options
 * (TCP keepalive, buffer sizes, type of service) and the notes the transport puts in a link's
 * inbound pipe for the socket to read as if the peer had sent them (DISCONNECT_MSG, HICCUP_MSG and
 * ROUTER_NOTIFY's empty messages), as libzmq's session does.
 *
 * <p>Thread-safety: immutable.
 *
 * @param keepalive TCP_KEEPALIVE: turn SO_KEEPALIVE on
 * @param keepaliveIdleSeconds TCP_KEEPALIVE_IDLE; 0 keeps the system's value
 * @param keepaliveIntervalSeconds TCP_KEEPALIVE_INTVL; 0 keeps the system's value
 * @param keepaliveCount TCP_KEEPALIVE_CNT; 0 keeps the system's value
 * @param sendBuffer SNDBUF in bytes; 0 keeps the default
 * @param receiveBuffer RCVBUF in bytes; 0 keeps the default
 * @param typeOfService TOS, the IP header's type-of-service byte; 0 keeps the default
 * @param disconnectMessage DISCONNECT_MSG, or null
 * @param hiccupMessage HICCUP_MSG, or null
 * @param notifyConnect ROUTER_NOTIFY: an empty message when a peer connects
 * @param notifyDisconnect ROUTER_NOTIFY: an empty message when a peer disconnects
 * @param multicastHops udp: MULTICAST_HOPS, the time-to-live of multicast datagrams, 1-255
 * @param multicastLoop udp: MULTICAST_LOOP, whether multicast datagrams come back to this host
 */
public record ConnectionSettings(boolean keepalive, int keepaliveIdleSeconds, int keepaliveIntervalSeconds,
        int keepaliveCount, int sendBuffer, int receiveBuffer, int typeOfService, Message disconnectMessage,
        Message hiccupMessage, boolean notifyConnect, boolean notifyDisconnect, int multicastHops,
        boolean multicastLoop) {

    /** The settings of a socket that sets none of these options. */
    public static final ConnectionSettings DEFAULTS =
            new ConnectionSettings(false, 0, 0, 0, 0, 0, 0, null, null, false, false, 1, true);

    /** The message ROUTER_NOTIFY delivers: the ROUTER prefixes the peer's routing id when it reads it. */
    static final Message NOTIFICATION = Message.of(new byte[0]);

    /**
     * Checks the values.
     */
    public ConnectionSettings {
        if (keepaliveIdleSeconds < 0 || keepaliveIntervalSeconds < 0 || keepaliveCount < 0 || sendBuffer < 0
                || receiveBuffer < 0 || typeOfService < 0 || typeOfService > 255 || multicastHops < 1
                || multicastHops > 255) {
            throw new IllegalArgumentException("invalid connection settings: a value is out of range");
        }
    }

    /**
     * Returns the settings with the keepalive fields replaced.
     *
     * @param on TCP_KEEPALIVE
     * @param idle TCP_KEEPALIVE_IDLE in seconds, 0 for the system's
     * @param interval TCP_KEEPALIVE_INTVL in seconds, 0 for the system's
     * @param count TCP_KEEPALIVE_CNT, 0 for the system's
     * @return the new settings
     */
    public ConnectionSettings withKeepalive(boolean on, int idle, int interval, int count) {
        return new ConnectionSettings(on, idle, interval, count, sendBuffer, receiveBuffer, typeOfService,
                disconnectMessage, hiccupMessage, notifyConnect, notifyDisconnect, multicastHops, multicastLoop);
    }

    /**
     * Returns the settings with the buffer sizes and type of service replaced.
     *
     * @param send SNDBUF, 0 for the default
     * @param receive RCVBUF, 0 for the default
     * @param tos TOS, 0 for the default
     * @return the new settings
     */
    public ConnectionSettings withBuffers(int send, int receive, int tos) {
        return new ConnectionSettings(keepalive, keepaliveIdleSeconds, keepaliveIntervalSeconds, keepaliveCount, send,
                receive, tos, disconnectMessage, hiccupMessage, notifyConnect, notifyDisconnect, multicastHops,
                multicastLoop);
    }

    /**
     * Returns the settings with the notes replaced.
     *
     * @param disconnect DISCONNECT_MSG or null
     * @param hiccup HICCUP_MSG or null
     * @param onConnect ROUTER_NOTIFY on connect
     * @param onDisconnect ROUTER_NOTIFY on disconnect
     * @return the new settings
     */
    public ConnectionSettings withNotes(Message disconnect, Message hiccup, boolean onConnect, boolean onDisconnect) {
        return new ConnectionSettings(keepalive, keepaliveIdleSeconds, keepaliveIntervalSeconds, keepaliveCount,
                sendBuffer, receiveBuffer, typeOfService, disconnect, hiccup, onConnect, onDisconnect, multicastHops,
                multicastLoop);
    }

    /**
     * Returns the settings with the udp multicast fields replaced.
     *
     * @param hops MULTICAST_HOPS, 1-255
     * @param loop MULTICAST_LOOP
     * @return the new settings
     */
    public ConnectionSettings withMulticast(int hops, boolean loop) {
        return new ConnectionSettings(keepalive, keepaliveIdleSeconds, keepaliveIntervalSeconds, keepaliveCount,
                sendBuffer, receiveBuffer, typeOfService, disconnectMessage, hiccupMessage, notifyConnect,
                notifyDisconnect, hops, loop);
    }

    /**
     * Puts the notes owed to the socket when a connection ends into a link's inbound pipe, past its
     * high-water mark as libzmq does: the ROUTER_NOTIFY disconnect note, then DISCONNECT_MSG, then for a
     * connect-side link that will reconnect, HICCUP_MSG. The inbound pipe's writer thread (the I/O
     * thread) only, before it closes its end.
     *
     * @param link the link whose connection ended
     * @param reconnecting true for a connect-side link that is kept for the next connection
     */
    void connectionEnded(PeerLink link, boolean reconnecting) {
        if (notifyDisconnect) {
            link.inbound().writePastLimit(NOTIFICATION);
        }
        if (disconnectMessage != null) {
            link.inbound().writePastLimit(disconnectMessage);
        }
        if (reconnecting && hiccupMessage != null) {
            link.inbound().writePastLimit(hiccupMessage);
        }
    }

    /**
     * Puts the ROUTER_NOTIFY connect note into a link's inbound pipe once its handshake succeeded.
     * The inbound pipe's writer thread only.
     *
     * @param link the link whose peer connected
     */
    void connectionStarted(PeerLink link) {
        if (notifyConnect) {
            link.inbound().writePastLimit(NOTIFICATION);
        }
    }

    /**
     * Returns whether any note is set.
     *
     * @return true if the transport has something to put in inbound pipes
     */
    public boolean hasNotes() {
        return disconnectMessage != null || hiccupMessage != null || notifyConnect || notifyDisconnect;
    }
}
