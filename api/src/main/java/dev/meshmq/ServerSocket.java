package dev.meshmq;

/**
 * SERVER: the thread-safe replying end of client-server. Gives every connection a non-zero 32-bit
 * routing id, sets it on each received message ({@link Message#routingId()}), and sends each
 * message to the connection its routing id names ({@link Message#withRoutingId(int)}); an unknown
 * id is a {@link HostUnreachableException}, and a connection at its high-water mark makes the send
 * wait (nothing is dropped). Single-frame messages only, as for {@link ClientSocket}.
 *
 * <p>Thread-safety: safe to use from any number of threads at once, as in libzmq (a draft type there).
 */
public interface ServerSocket extends Socket, MessageSender, MessageReceiver {
}
