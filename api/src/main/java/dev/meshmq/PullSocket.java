package dev.meshmq;

/**
 * PULL: the consuming end of a pipeline. Receives from all connected PUSH peers, fair-queued so that
 * no busy peer starves the others.
 *
 * <p>Thread-safety: single owner (see {@link Socket}).
 */
public interface PullSocket extends Socket, MessageReceiver {
}
