package dev.meshmq.transport;

import dev.meshmq.SocketType;
import java.nio.channels.SocketChannel;

/**
 * What a {@link StreamListener} or {@link StreamConnector} builds on a channel it accepted or connected:
 * {@link #ZMTP} for every socket type but STREAM, {@link #RAW} for STREAM. The listener and the
 * connector keep everything else (accepting, the handshake cap, resolving, reconnecting, monitor
 * events) whichever it is.
 *
 * <p>Thread-safety: stateless; called on the I/O thread that owns the channel.
 */
@FunctionalInterface
interface EngineFactory {

    /** A ZMTP connection: greeting, security handshake, framed messages ({@link StreamEngine}). */
    EngineFactory ZMTP = ZmtpConnection::new;

    /** A raw connection of a STREAM socket: bytes in and out, no handshake ({@link RawEngine}). */
    EngineFactory RAW = (io, channel, options, owner, remote, events, connecting) ->
            new RawEngine(io, channel, owner, events, remote);

    /**
     * Returns the engine for a channel, not started yet.
     *
     * @param io the I/O thread that owns the channel
     * @param channel the connected channel, non-blocking and configured
     * @param options the socket's transport options
     * @param owner the listener or connector to report to
     * @param remote the peer's address, for events and logs
     * @param events where monitor events go
     * @param connecting true on the connecting side, false for an accepted channel
     * @return the connection
     */
    Connection create(IoThread io, SocketChannel channel, TransportOptions options, ConnectionOwner owner,
            String remote, ConnectionEvents events, boolean connecting);

    /**
     * Returns the factory for a socket type: raw connections for STREAM, ZMTP for the others.
     *
     * @param options the socket's transport options
     * @return the factory
     */
    static EngineFactory forSocket(TransportOptions options) {
        return options.socketType() == SocketType.STREAM ? RAW : ZMTP;
    }
}
