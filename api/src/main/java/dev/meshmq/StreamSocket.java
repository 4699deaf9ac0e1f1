package dev.meshmq;

/**
 * STREAM: talks to plain TCP peers (a web client, a telnet session, a non-ZMQ server) over tcp or
 * ipc, without ZMTP. Each connection is a peer with a routing id of its own: five bytes, a zero then
 * a counter, as libzmq makes them, or for a {@code connect()} the {@link SocketOptions#CONNECT_ROUTING_ID}
 * set before it. Every received message has two frames, the routing id and the bytes one read
 * returned; a connection that opens or closes shows up as [routing id, empty frame]. Every sent
 * message is [routing id, data...], whose data frames are written as raw bytes; [routing id, empty
 * frame] closes that connection once what was queued for it is written (within LINGER). A routing
 * id of no connection raises {@link HostUnreachableException}; a connection at its SEND_HWM makes the
 * send wait. A connect keeps its routing id across reconnects. Not over inproc.
 *
 * <p>Thread-safety: single owner (see {@link Socket}).
 */
public interface StreamSocket extends Socket, MessageSender, MessageReceiver {
}
