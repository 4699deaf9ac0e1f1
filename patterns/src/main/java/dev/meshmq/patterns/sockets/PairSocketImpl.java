package dev.meshmq.patterns.sockets;

import dev.meshmq.PairSocket;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.transport.SafeLogger;

/**
 * PAIR: one peer at a time ({@link OnePeerSocket}). A second link is refused (its connection closed)
 * while the first lives; once the first is gone and drained, a new peer is taken.
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
public final class PairSocketImpl extends OnePeerSocket implements PairSocket {

    /** The logger's name: the class's name before the patterns package was split, kept for logging configurations. */
    static final String LOGGER_NAME = "dev.meshmq.patterns.PairSocketImpl";
    private static final System.Logger LOG = SafeLogger.named(LOGGER_NAME);

    /** Creates the socket in the context {@code context}; called by the context only. */
    public PairSocketImpl(SocketHost context) {
        super(context, SocketType.PAIR, LOG);
    }
}
