package dev.meshmq.interop;

import java.util.Locale;

/** What an interop peer does with its one socket. */
enum PeerRole {
    /** Sends the messages of its spec, in order. */
    SEND,
    /** Receives as many messages as its spec lists and prints each one. */
    RECEIVE,
    /** Receives as many messages as its spec lists, prints each one and sends it back. */
    ECHO,
    /** For each message of its spec: sends it, then receives one reply and prints it. */
    REQUEST,
    /**
     * PUB: sends the messages of its spec again and again until stopped; XPUB: waits for a
     * subscription, prints it ({@code SUB <hex>}), then sends the messages once.
     */
    PUBLISH,
    /** SUB or XSUB: subscribes to the spec's topic, then receives as many messages as its spec lists. */
    SUBSCRIBE;

    /** The value of zmq_peer.py's {@code --role}. */
    String argument() {
        return name().toLowerCase(Locale.ROOT);
    }
}
