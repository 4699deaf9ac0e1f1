package dev.meshmq;

/**
 * PAIR: an exclusive two-way connection to exactly one peer PAIR socket. A second peer is refused
 * while the first is attached. Sending blocks at the high-water mark; nothing is dropped.
 *
 * <p>Thread-safety: single owner (see {@link Socket}).
 */
public interface PairSocket extends Socket, MessageSender, MessageReceiver {
}
