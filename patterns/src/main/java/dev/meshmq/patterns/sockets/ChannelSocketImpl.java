package dev.meshmq.patterns.sockets;

import dev.meshmq.ChannelSocket;
import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.transport.SafeLogger;

/**
 * CHANNEL: PAIR's rules (one peer at a time, a second refused: {@link OnePeerSocket}) for single-frame
 * messages, with the lock of the thread-safe types.
 *
 * <p>Thread-safety: safe for any number of threads ({@link dev.meshmq.patterns.core.SocketBase} takes
 * its lock for this type).
 */
public final class ChannelSocketImpl extends OnePeerSocket implements ChannelSocket {

    private static final System.Logger LOG = SafeLogger.named(ChannelSocketImpl.class.getName());

    /** Creates the socket in the context {@code context}; called by the context only. */
    public ChannelSocketImpl(SocketHost context) {
        super(context, SocketType.CHANNEL, LOG);
    }

    @Override
    void check(Message message) {
        SingleFrame.requireSingleFrame(message, "CHANNEL");
    }

    @Override
    boolean accepts(Message message) {
        return message.size() == 1;
    }
}
