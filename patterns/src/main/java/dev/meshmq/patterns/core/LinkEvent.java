package dev.meshmq.patterns.core;

import dev.meshmq.transport.PeerLink;

/**
 * Something that happened to one of a socket's links, posted by another thread and handled by the
 * socket's caller the next time it enters the socket.
 *
 * <p>Thread-safety: immutable.
 *
 * @param kind what happened
 * @param link the link
 */
record LinkEvent(Kind kind, PeerLink link) {

    /** The kinds of event. */
    enum Kind {
        /** A new link is ready. */
        ATTACHED,
        /** A handshake completed on a connected link: it has a (new) peer. */
        PEER_READY,
        /** The connection behind a connected link ended; it may reconnect. */
        PEER_LOST,
        /** The link is gone; read what is left on it, then forget it. */
        DETACHED,
        /** A waiting read may succeed now. */
        READABLE,
        /** A write refused at the high-water mark may succeed now. */
        WRITABLE
    }
}
