package dev.meshmq.patterns.routing;

import dev.meshmq.Message;
import dev.meshmq.patterns.core.LinkState;
import dev.meshmq.transport.PeerLink;

/**
 * Sends each message whole to one link, in round-robin order over the links that can take it. A
 * link at its high-water mark leaves the rotation until its pipe reports room again; when no link
 * can take a message, {@link #send} says so and the socket waits.
 *
 * <p>A refused write means one of two things, told apart by the pipe: full (the reader is there; the
 * link comes back when its pipe reports room) or gone (the transport closed the pipe's reading end: the
 * connection ended and the link will not reconnect). Either way the message is offered to the next link
 * at once, so nothing is queued to a dead link; a gone link never comes back into the rotation, even
 * when the wake-up its closing sends arrives before the socket has handled the link's detach.
 *
 * <p>Thread-safety: the socket's caller thread only.
 */
public final class LoadBalancer {

    private final Rotation rotation = new Rotation();
    private PeerLink lastLink;

    /**
     * Puts a link (back) in the rotation, unless it is already there, detached, offline (IMMEDIATE) or gone
     * (its pipe's reader closed).
     *
     * @param link the link
     */
    public void activate(PeerLink link) {
        LinkState state = LinkState.of(link);
        if (!state.writable && !state.detached && !state.offline && !link.outbound().isReaderClosed()) {
            state.writable = true;
            rotation.add(link);
        }
    }

    /**
     * Takes a link out of the rotation.
     *
     * @param link the link
     */
    public void remove(PeerLink link) {
        LinkState state = LinkState.of(link);
        if (state.writable) {
            state.writable = false;
            rotation.remove(link);
        }
    }

    /**
     * Returns whether some link has room now; arms the wake-ups of the full ones.
     *
     * @return true if a send would not wait
     */
    public boolean hasRoom() {
        return rotation.anyMatch(link -> link.outbound().hasRoomOrWatch());
    }

    /**
     * Sends to the next link that can take the message.
     *
     * @param message the message
     * @return false if every link is full or gone (or there is none)
     */
    public boolean send(Message message) {
        while (!rotation.isEmpty()) {
            PeerLink link = rotation.current();
            if (link.outbound().write(message)) {
                lastLink = link;
                rotation.advance();
                return true;
            }
            // full or gone: either way the next link gets the message now; activate keeps a gone one out
            LinkState.of(link).writable = false;
            rotation.removeCurrent();
        }
        return false;
    }

    /**
     * Returns the link of the last successful {@code send}.
     *
     * @return the link, or null before the first
     */
    public PeerLink lastLink() {
        return lastLink;
    }
}
