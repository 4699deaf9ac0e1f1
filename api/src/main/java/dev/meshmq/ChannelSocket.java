package dev.meshmq;

/**
 * CHANNEL: a thread-safe exclusive pair: one CHANNEL peer at a time (a second one is refused), both
 * directions. Single-frame messages only (a multipart message is refused on send and discarded on
 * receipt).
 *
 * <p>Thread-safety: safe to use from any number of threads at once, as in libzmq (a draft type there).
 */
public interface ChannelSocket extends Socket, MessageSender, MessageReceiver {
}
