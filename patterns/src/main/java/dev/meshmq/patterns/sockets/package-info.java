/**
 * The socket types other than publish-subscribe: PAIR, PUSH, PULL, REQ, REP, DEALER, ROUTER, CLIENT
 * and SERVER, each one class built on {@code dev.meshmq.patterns.core}'s {@code SocketBase} from the
 * strategies of {@code dev.meshmq.patterns.routing}. {@code BalancedSocket} is what the types that
 * send round-robin and receive fair-queued share (PAIR, DEALER, REQ, CLIENT). Pairs of types with the
 * same logic share one package-private class with hooks each: {@code RoundRobinSender} (PUSH, SCATTER),
 * {@code FairQueueReceiver} (PULL, GATHER), {@code OnePeerSocket} (PAIR, CHANNEL),
 * {@code ConnectionIdSocket} (SERVER, PEER), {@code RoutingTableSocket} (ROUTER, STREAM).
 *
 * <p>Threading: as the core says: CLIENT and SERVER are thread-safe, the classic types belong to one
 * thread at a time; per-socket state is touched only by the thread inside the socket's calls.
 */
package dev.meshmq.patterns.sockets;
