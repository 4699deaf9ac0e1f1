package dev.meshmq;

import java.util.List;

/**
 * What a {@link PubSocket} or {@link XPubSocket} has done since it was created: an immutable
 * snapshot, read from any thread with {@link PubSocket#publisherStatistics()}. A published message is counted
 * once in {@code messagesPublished}, then once per subscriber it was meant for, either as sent (queued
 * for that subscriber) or as dropped (that subscriber's queue was at its high-water mark, or, for a
 * {@link RadioSocket}'s {@code udp://} peer, the message was too long for one datagram).
 *
 * <p>Thread-safety: immutable.
 *
 * @param messagesPublished messages the application sent
 * @param messagesSent copies queued for subscribers
 * @param messagesDropped copies dropped because a subscriber's queue was full (or, RADIO over udp, the message
 *     did not fit in one datagram)
 * @param peers the subscribers connected now
 */
public record PublisherStatistics(long messagesPublished, long messagesSent, long messagesDropped,
        List<Peer> peers) {

    /**
     * Copies the peer list.
     *
     * @param messagesPublished messages the application sent
     * @param messagesSent copies queued for subscribers
     * @param messagesDropped copies dropped at the high-water mark
     * @param peers the subscribers connected now
     */
    public PublisherStatistics {
        peers = List.copyOf(peers);
    }

    /**
     * One connected subscriber.
     *
     * <p>Thread-safety: immutable.
     *
     * @param endpoint the endpoint the connection belongs to
     * @param remoteAddress the peer's address, or the endpoint if it is not known
     * @param messagesSent copies queued for this subscriber
     * @param messagesDropped copies dropped because its queue was full (or too long for its udp datagram)
     * @param queueDepth messages waiting in its queue now
     */
    public record Peer(String endpoint, String remoteAddress, long messagesSent, long messagesDropped,
            long queueDepth) {
    }
}
