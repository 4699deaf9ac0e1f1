/**
 * Publish-subscribe: PUB, SUB, XPUB and XSUB, the publishing and subscribing halves they share
 * ({@code PublishingSocket} with {@code Publisher}, {@code SubscribingSocket} with
 * {@code SubscriberLinks}), and the {@code SubscriptionIndex} that matches a message's first frame
 * against every subscriber's prefixes.
 *
 * <p>Threading: the classic socket contract (one thread at a time, see
 * {@code dev.meshmq.patterns.core}); the index and the per-subscriber state are confined to the thread
 * inside the socket's calls. A drop listener is called on that thread.
 */
package dev.meshmq.patterns.pubsub;
