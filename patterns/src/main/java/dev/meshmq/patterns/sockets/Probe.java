package dev.meshmq.patterns.sockets;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.SocketOptions;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.transport.PeerLink;

/**
 * PROBE_ROUTER: an empty message queued on every new link as it joins the socket (for a connect,
 * at once, so it is the first thing sent when the connection comes up), so that a ROUTER peer
 * learns this socket's routing id before the first real message.
 *
 * <p>Thread-safety: stateless; called on the socket's caller thread.
 */
final class Probe {

    private static final Message EMPTY = Message.of(Frame.EMPTY);

    private Probe() {
    }

    static void sendIfEnabled(SocketBase socket, PeerLink link) {
        if (socket.get(SocketOptions.PROBE_ROUTER)) {
            link.outbound().write(EMPTY);
        }
    }
}
