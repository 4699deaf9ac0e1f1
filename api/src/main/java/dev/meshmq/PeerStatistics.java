package dev.meshmq;

/**
 * A snapshot of one peer connection's counters, part of {@link SocketStatistics}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param endpoint the endpoint the connection belongs to
 * @param remoteAddress the peer's address, empty before the first handshake of a connect
 * @param messagesIn messages received from the peer (queued for the application)
 * @param bytesIn body bytes of those messages
 * @param messagesOut messages queued for the peer by the application
 * @param bytesOut body bytes of those messages
 * @param queuedOut messages queued for the peer and not yet taken by its connection
 * @param sendHwm the limit of that queue (0 for none)
 * @param queuedIn messages from the peer not yet received by the application
 * @param receiveHwm the limit of that queue (0 for none)
 * @param reconnects how many times a connect-side connection was made again
 * @param discardedAtClose messages queued for this peer that were not delivered once the socket closed
 *     this connection (see {@link SocketStatistics#discardedAtClose()}); 0 while it is open
 * @param commandsIgnored well-formed commands the peer sent after the handshake that mean nothing to
 *     this socket (an unknown name, a second READY, an ERROR) and were ignored, as libzmq ignores them;
 *     the first of each connection is also a {@link MonitorEventType#COMMAND_IGNORED} event
 */
public record PeerStatistics(String endpoint, String remoteAddress, long messagesIn, long bytesIn, long messagesOut,
        long bytesOut, long queuedOut, int sendHwm, long queuedIn, int receiveHwm, int reconnects,
        long discardedAtClose, long commandsIgnored) {
}
