package dev.meshmq;

/**
 * Told when a subscriber of a {@link PubSocket} or {@link XPubSocket} starts missing messages because its
 * queue is at the high-water mark, and again when it takes messages again. Register one with
 * {@link PubSocket#setDropListener}. Each run of drops gives one {@code started} event (at the first
 * dropped message) and one {@code stopped} event (at the next message the subscriber takes, or when it
 * disconnects), so a listener sees transitions, not every drop.
 *
 * <p>Threading: called on the publishing thread, inside {@code send} (or while the socket handles a
 * disconnection), so it must be quick and must not use the socket; hand work to another thread if it is
 * more than logging or counting. An exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface DropListener {

    /**
     * A subscriber started or stopped dropping.
     *
     * @param event what happened, to which subscriber
     */
    void dropsChanged(Event event);

    /**
     * One change of a subscriber's dropping state.
     *
     * <p>Thread-safety: immutable.
     *
     * @param started true when the subscriber started dropping, false when it stopped
     * @param endpoint the endpoint the subscriber's connection belongs to
     * @param remoteAddress the subscriber's address, or the endpoint if it is not known
     * @param droppedInRun messages dropped for it in this run: 1 when it starts, the run's total when it
     *     stops
     * @param droppedTotal messages dropped for it since it connected
     */
    record Event(boolean started, String endpoint, String remoteAddress, long droppedInRun, long droppedTotal) {
    }
}
