package dev.meshmq.patterns.sockets;

import dev.meshmq.GatherSocket;
import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;

/**
 * GATHER: PULL's fair queue over the peers ({@link FairQueueReceiver}), single-frame messages only (a
 * multipart one is discarded), with the lock of the thread-safe types.
 *
 * <p>Thread-safety: safe for any number of threads ({@link SocketBase} takes its lock for this type).
 */
public final class GatherSocketImpl extends FairQueueReceiver implements GatherSocket {

    /** Creates the socket in the context {@code context}; called by the context only. */
    public GatherSocketImpl(SocketHost context) {
        super(context, SocketType.GATHER);
    }

    @Override
    boolean accepts(Message message) {
        return message.size() == 1;
    }
}
