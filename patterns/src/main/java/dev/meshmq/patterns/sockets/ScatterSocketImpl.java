package dev.meshmq.patterns.sockets;

import dev.meshmq.Message;
import dev.meshmq.ScatterSocket;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;

/**
 * SCATTER: PUSH's round-robin over the peers with room ({@link RoundRobinSender}), for single-frame
 * messages, with the lock of the thread-safe types.
 *
 * <p>Thread-safety: safe for any number of threads ({@link SocketBase} takes its lock for this type).
 */
public final class ScatterSocketImpl extends RoundRobinSender implements ScatterSocket {

    /** Creates the socket in the context {@code context}; called by the context only. */
    public ScatterSocketImpl(SocketHost context) {
        super(context, SocketType.SCATTER);
    }

    @Override
    void check(Message message) {
        SingleFrame.requireSingleFrame(message, "SCATTER");
    }
}
