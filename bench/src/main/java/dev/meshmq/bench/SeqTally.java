package dev.meshmq.bench;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import java.util.BitSet;

/**
 * What one side of a soak round has received: which sequence numbers ({@link SoakPayload}), how many
 * arrived more than once and how many were not a soak message of the round (wrong size, bytes or number).
 * The body is the last frame, so a ROUTER's routing-id frame is skipped.
 *
 * <p>Thread-safety: synchronized; written by the receiving thread, read by the round's thread.
 */
final class SeqTally {

    private final int size;
    private final long count;
    private final BitSet seen = new BitSet();
    private long distinct;
    private long duplicates;
    private long corrupt;
    private String firstProblem;

    SeqTally(int size, long count) {
        this.size = size;
        this.count = count;
    }

    /**
     * Records one received message.
     *
     * @param message what arrived
     * @return its sequence number, or -1 if it was not a message of this round
     */
    synchronized long record(Message message) {
        Frame body = message.frame(message.size() - 1);
        long seq = body.size() == size ? SoakPayload.sequence(body) : -1;
        String problem = seq >= 0 && seq < count ? SoakPayload.check(Message.of(body), seq, size)
                : "a message of " + body.size() + " bytes with sequence number " + seq;
        if (problem != null) {
            corrupt++;
            if (firstProblem == null) {
                firstProblem = problem;
            }
            return -1;
        }
        if (seen.get((int) seq)) {
            duplicates++;
            if (firstProblem == null) {
                firstProblem = "message " + seq + " received twice";
            }
        } else {
            seen.set((int) seq);
            distinct++;
        }
        return seq;
    }

    synchronized long distinct() {
        return distinct;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long corrupt() {
        return corrupt;
    }

    synchronized String firstProblem() {
        return firstProblem;
    }
}
