package dev.meshmq.patterns.routing;

import dev.meshmq.transport.PeerLink;
import java.util.ArrayList;
import java.util.List;

/**
 * The links a routing strategy takes turns over, and whose turn it is. Shared by {@link FairQueue}
 * and {@link LoadBalancer}, which decide who is in the rotation.
 *
 * <p>Thread-safety: the socket's caller thread only.
 */
final class Rotation {

    private final List<PeerLink> links = new ArrayList<>();
    private int next;

    /** Returns whether some link in the rotation passes {@code test}. */
    boolean anyMatch(java.util.function.Predicate<PeerLink> test) {
        for (PeerLink link : links) {
            if (test.test(link)) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return links.isEmpty();
    }

    void add(PeerLink link) {
        links.add(link);
    }

    /** Removes a link, keeping the turn with the link that had it. */
    void remove(PeerLink link) {
        int index = links.indexOf(link);
        if (index < 0) {
            return;
        }
        links.remove(index);
        if (index < next) {
            next--;
        }
    }

    /** Returns the link whose turn it is; the rotation must not be empty. */
    PeerLink current() {
        if (next >= links.size()) {
            next = 0;
        }
        return links.get(next);
    }

    /** Passes the turn to the next link. */
    void advance() {
        next++;
    }

    /** Removes the link whose turn it is; the turn passes to the link after it. */
    void removeCurrent() {
        links.remove(next);
    }
}
