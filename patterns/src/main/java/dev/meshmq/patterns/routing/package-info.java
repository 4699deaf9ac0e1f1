/**
 * Routing strategies a socket type is composed of: {@code LoadBalancer} (round-robin to the links
 * with room), {@code FairQueue} (receive from the readable links in turn), their shared
 * {@code Rotation}, and {@code RoutingTable} with {@code RoutingIds} (route by a peer's id, as
 * ROUTER does). They hold links, not sockets, and know nothing of a socket type.
 *
 * <p>Threading: not thread-safe; each instance belongs to one socket and is used only by the thread
 * inside that socket's calls (see {@code dev.meshmq.patterns.core}).
 */
package dev.meshmq.patterns.routing;
