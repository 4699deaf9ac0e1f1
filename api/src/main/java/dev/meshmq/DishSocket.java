package dev.meshmq;

import java.util.Set;

/**
 * DISH: the thread-safe receiving end of radio-dish (libzmq's draft DISH). Receives, fair-queued from
 * every RADIO peer, the messages of the groups it {@link #join joined}; each carries its group
 * ({@link Message#group()}). Joins go to every RADIO peer (and again to each new or reconnected one), so
 * the RADIO sends only what is wanted (a DISH hands its joins to a peer that connected to it when it is next
 * called, as libzmq's does); the DISH filters again itself (a {@code udp://} endpoint, which it
 * binds, carries every group). A malformed message from a peer (not a group frame and a body, a group
 * longer than {@link Groups#MAX_BYTES}, a datagram shorter than its group length) is discarded and counted
 * in {@link #malformedDiscarded()}.
 *
 * <p>Thread-safety: safe to use from any number of threads at once, as in libzmq (a draft type there).
 */
public interface DishSocket extends Socket, MessageReceiver {

    /**
     * Joins a group.
     *
     * @param group the group, checked by {@link Groups#check}; the empty group is the one of messages sent
     *     without a group
     * @return true if joined now, false if it was joined already (libzmq's EINVAL)
     * @throws IllegalArgumentException naming the group if it is invalid
     */
    boolean join(String group);

    /**
     * Leaves a group.
     *
     * @param group the group
     * @return true if left now, false if it was not joined (libzmq's EINVAL)
     * @throws IllegalArgumentException naming the group if it is invalid
     */
    boolean leave(String group);

    /**
     * Returns the groups joined now.
     *
     * @return an unmodifiable snapshot
     */
    Set<String> joinedGroups();

    /**
     * Returns how many malformed messages from peers were discarded.
     *
     * @return the count
     */
    long malformedDiscarded();
}
