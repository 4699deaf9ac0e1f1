package dev.meshmq;

/**
 * PUSH: the producing end of a pipeline. Each message goes whole to one connected PULL peer, in
 * round-robin order over the peers that can take it. When every peer is at its high-water mark (or
 * none is connected yet), sending blocks; messages are never dropped.
 *
 * <p>Thread-safety: single owner (see {@link Socket}).
 */
public interface PushSocket extends Socket, MessageSender {
}
