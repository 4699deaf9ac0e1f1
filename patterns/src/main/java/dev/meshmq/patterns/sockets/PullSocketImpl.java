package dev.meshmq.patterns.sockets;

import dev.meshmq.PullSocket;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;

/**
 * PULL: fair-queued receipt from every connected PUSH peer ({@link FairQueueReceiver}).
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
public final class PullSocketImpl extends FairQueueReceiver implements PullSocket {

    /** Creates the socket in the context {@code context}; called by the context only. */
    public PullSocketImpl(SocketHost context) {
        super(context, SocketType.PULL);
    }
}
