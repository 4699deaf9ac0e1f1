package dev.meshmq.patterns.core;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.RouterNotify;
import dev.meshmq.SocketOptions;
import dev.meshmq.transport.ConnectionSettings;
import dev.meshmq.transport.PeerLink;

/**
 * The connection options of issue 15 as the transport and the socket use them: the kernel socket
 * options and the notes (DISCONNECT_MSG, HICCUP_MSG, ROUTER_NOTIFY) go to the transport in
 * {@link ConnectionSettings}; HELLO_MSG is written by the socket itself into each new peer's queue.
 *
 * <p>Thread-safety: stateless.
 */
final class ConnectionOptions {

    private ConnectionOptions() {
    }

    /** Builds the transport's settings from a socket's option values. */
    static ConnectionSettings settings(SocketOptionValues values) {
        RouterNotify notify = values.get(SocketOptions.ROUTER_NOTIFY);
        return ConnectionSettings.DEFAULTS
                .withKeepalive(values.get(SocketOptions.TCP_KEEPALIVE),
                        (int) values.get(SocketOptions.TCP_KEEPALIVE_IDLE).getSeconds(),
                        (int) values.get(SocketOptions.TCP_KEEPALIVE_INTVL).getSeconds(),
                        values.get(SocketOptions.TCP_KEEPALIVE_CNT))
                .withBuffers(values.get(SocketOptions.SNDBUF), values.get(SocketOptions.RCVBUF),
                        values.get(SocketOptions.TOS))
                .withNotes(note(values.get(SocketOptions.DISCONNECT_MSG)), note(values.get(SocketOptions.HICCUP_MSG)),
                        notify.onConnect(), notify.onDisconnect())
                .withMulticast(values.get(SocketOptions.MULTICAST_HOPS), values.get(SocketOptions.MULTICAST_LOOP));
    }

    private static Message note(Frame frame) {
        return frame.isEmpty() ? null : Message.of(frame);
    }

    /**
     * Queues HELLO_MSG for a peer whose handshake just completed, if the socket has one. Owner thread
     * (the writer of the link's outbound pipe). Past the high-water mark would break the pipe's
     * contract, so a full queue (only possible for a connect whose peer was long away) skips it.
     *
     * @param socket the socket (its HELLO_MSG is empty unless its type accepts one)
     * @param link the link whose peer is ready
     * @return true if a hello was queued
     */
    static boolean sendHello(SocketBase socket, PeerLink link) {
        Frame hello = socket.get(SocketOptions.HELLO_MSG);
        return !hello.isEmpty() && link.outbound().write(Message.of(hello));
    }
}
