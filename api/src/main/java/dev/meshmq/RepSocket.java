package dev.meshmq;

/**
 * REP: the replying end of request-reply. Receives requests fair-queued from its REQ or DEALER
 * peers, keeps each request's envelope (the routing frames up to the empty delimiter, also over
 * several ROUTER hops), and sends the reply back to the peer the request came from. Receive and
 * send must alternate ({@link SocketStateException} otherwise). A reply to a peer that has gone,
 * or that is at its high-water mark, is dropped and counted.
 *
 * <p>Thread-safety: single owner (see {@link Socket}).
 */
public interface RepSocket extends Socket, MessageSender, MessageReceiver {
}
