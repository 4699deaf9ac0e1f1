/**
 * The proxy: a thread of its own that polls a frontend and a backend socket (and feeds an optional
 * capture socket), forwarding in each direction the socket types allow, steered by pause, resume and
 * terminate.
 *
 * <p>Threading: {@code MeshProxy}'s public methods may be called from any thread; the sockets, the
 * poller and the forwarding state are used on the proxy thread while it runs.
 */
package dev.meshmq.patterns.proxy;
