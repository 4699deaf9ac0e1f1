/**
 * Socket monitors: the slot a socket keeps for its monitor ({@code MonitorSlot}), the monitor that
 * delivers events to a listener on a thread of its own ({@code SocketMonitor}), and the libzmq-style
 * sink that writes them to a PAIR socket ({@code PairMonitorSink}).
 *
 * <p>Threading: events are offered from any thread (I/O threads, the socket's caller, the closing
 * thread) without blocking; they are delivered in order on the monitor's own thread.
 */
package dev.meshmq.patterns.monitor;
