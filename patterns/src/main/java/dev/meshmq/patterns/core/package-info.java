/**
 * What every socket shares: {@code SocketBase}, a thin facade over parts with one job each — the
 * endpoints ({@code SocketEndpoints}), the options ({@code SocketOptionValues}), the links and the
 * events about them ({@code LinkEvents}, {@code LinkEventInbox}, {@code LinkState}), the way in and
 * the blocking retry loops ({@code CallGate}, {@code SocketOwnership}, {@code Waiter},
 * {@code Timeouts}), the counters, and the linger after close ({@code LingerTracker}). A socket type
 * extends {@code SocketBase} (or {@code DuplexSocket}) and supplies the protected hooks: how it admits
 * a link and how one attempt to send or receive works. {@code SocketHost} is what a socket needs from
 * its context.
 *
 * <p>Threading: a classic socket (PAIR, PUSH, PULL, REQ, REP, DEALER, ROUTER, PUB, SUB, XPUB, XSUB)
 * belongs to one application thread at a time, and a second thread entering it is refused with
 * {@link java.lang.IllegalStateException}; CLIENT and SERVER take a lock and may be shared. What the
 * I/O threads tell a socket (a link attached, a pipe readable or writable, a peer's handshake) goes
 * into the socket's event inbox, which any thread may post to and only the thread inside the socket
 * drains; posting wakes a parked owner. {@code close()} may be called from any thread.
 */
package dev.meshmq.patterns.core;
