package dev.meshmq;

/**
 * ROUTER: routes by peer. Every received message starts with a frame holding the routing id of the
 * peer it came from; every sent message must start with the routing id of the peer to send it to.
 * Unroutable messages and messages to a full peer are dropped and counted, or, with {@link
 * SocketOptions#ROUTER_MANDATORY}, reported ({@link HostUnreachableException}, or waiting at the
 * high-water mark).
 *
 * <p>Thread-safety: single owner (see {@link Socket}).
 */
public interface RouterSocket extends Socket, MessageSender, MessageReceiver {
}
