package dev.meshmq;

/**
 * REQ: the requesting end of request-reply. Each request goes to one REP or ROUTER peer in
 * round-robin order, with an empty delimiter frame before the body; then the socket must receive
 * that peer's reply before it may send again (otherwise {@link SocketStateException}), unless
 * {@link SocketOptions#REQ_RELAXED} is set. Replies from other peers are discarded.
 *
 * <p>Thread-safety: single owner (see {@link Socket}).
 */
public interface ReqSocket extends Socket, MessageSender, MessageReceiver {
}
