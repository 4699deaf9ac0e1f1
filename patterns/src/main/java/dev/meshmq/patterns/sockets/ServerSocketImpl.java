package dev.meshmq.patterns.sockets;

import dev.meshmq.ServerSocket;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;

/**
 * SERVER: a non-zero 32-bit routing id per connection, set on every received message; sends go to the
 * connection the message's routing id names and wait when it is full ({@link ConnectionIdSocket}).
 * Single-frame messages, safe for several threads.
 *
 * <p>Thread-safety: safe for any number of threads ({@link SocketBase} takes its lock).
 */
public final class ServerSocketImpl extends ConnectionIdSocket implements ServerSocket {

    /** Creates the socket in the context {@code context}; called by the context only. */
    public ServerSocketImpl(SocketHost context) {
        super(context, SocketType.SERVER, "the id of a received message");
    }
}
