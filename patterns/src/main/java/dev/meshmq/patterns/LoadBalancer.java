package dev.meshmq.patterns;

import dev.meshmq.Message;
import dev.meshmq.transport.PeerLink;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends each message whole to one link, in round-robin order over the links that can take it. A
 * link at its high-water mark leaves the rotation until its pipe reports room again; when no link
 * can take a message, {@link #send} says so and the socket waits.
 *
 * <p>Thread-safety: the socket's caller thread only.
 */
final class LoadBalancer {

    private final List<PeerLink> active = new ArrayList<>();
    private int next;

    /**
     * Puts a link (back) in the rotation, unless it is already there or detached.
     *
     * @param link the link
     */
    void activate(PeerLink link) {
        LinkState state = LinkState.of(link);
        if (!state.writable && !state.detached) {
            state.writable = true;
            active.add(link);
        }
    }

    /**
     * Takes a link out of the rotation.
     *
     * @param link the link
     */
    void remove(PeerLink link) {
        LinkState state = LinkState.of(link);
        if (state.writable) {
            state.writable = false;
            int index = active.indexOf(link);
            active.remove(index);
            if (index < next) {
                next--;
            }
        }
    }

    /**
     * Sends to the next link that can take the message.
     *
     * @param message the message
     * @return false if every link is full (or there is none)
     */
    boolean send(Message message) {
        while (!active.isEmpty()) {
            if (next >= active.size()) {
                next = 0;
            }
            PeerLink link = active.get(next);
            if (link.outbound().write(message)) {
                next++;
                return true;
            }
            LinkState.of(link).writable = false;
            active.remove(next);
        }
        return false;
    }
}
