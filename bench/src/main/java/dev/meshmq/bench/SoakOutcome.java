package dev.meshmq.bench;

/**
 * What one soak round did and found, for the tallies and the summary.
 *
 * <p>Thread-safety: immutable.
 *
 * @param kind what the round exercised, e.g. {@code push/pull} or {@code kill-9 push/pull}
 * @param faulted true if a fault (reset, stall, kill) was injected
 * @param sent numbered messages sent
 * @param delivered distinct ones received
 * @param duplicates messages received more than once
 * @param lost messages sent and neither received nor counted as dropped, where the round allowed loss
 * @param dropped messages the PUB counted as dropped at its high-water mark
 * @param problem the invariant the round broke, in words, or null
 */
record SoakOutcome(String kind, boolean faulted, long sent, long delivered, long duplicates, long lost,
        long dropped, String problem) {
}
