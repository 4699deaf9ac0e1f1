/**
 * The socket patterns and the context: one implementation class per socket type, the routing
 * strategies they are built from (load balancing, fair queueing, routing tables, the subscription
 * index), the proxy, the poller and the monitor.
 *
 * <p>Threading: a classic socket (PAIR, PUSH, PULL, REQ, REP, DEALER, ROUTER, PUB, SUB, XPUB, XSUB)
 * belongs to one application thread at a time, and a second thread entering it is refused with
 * {@link java.lang.IllegalStateException}; CLIENT and SERVER take a lock and may be shared. What the
 * I/O threads tell a socket (a link attached, a pipe readable or writable, a monitor event) goes into
 * the socket's event inbox, which any thread may post to and only the owning thread drains; posting
 * wakes a parked owner. {@code close()} may be called from any thread. The context's methods are
 * thread-safe.
 */
package dev.meshmq.patterns;
