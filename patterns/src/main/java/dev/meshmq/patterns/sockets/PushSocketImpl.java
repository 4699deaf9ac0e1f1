package dev.meshmq.patterns.sockets;

import dev.meshmq.PushSocket;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;

/**
 * PUSH: round-robin over the peers with room, blocking when none has any ({@link RoundRobinSender}).
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
public final class PushSocketImpl extends RoundRobinSender implements PushSocket {

    /** Creates the socket in the context {@code context}; called by the context only. */
    public PushSocketImpl(SocketHost context) {
        super(context, SocketType.PUSH);
    }
}
