package dev.meshmq.patterns.pubsub;

import dev.meshmq.Message;
import dev.meshmq.transport.PeerLink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends what a SUB or XSUB sends upstream to every publisher link, in order. Subscriptions are never
 * lost: what a full pipe refuses waits in a per-link backlog until the pipe has room again. Other
 * messages (an XSUB forwarding) are dropped for a link that is full, as libzmq does.
 *
 * <p>Thread-safety: the socket's caller thread only.
 */
final class UpstreamWriter {

    private final List<PeerLink> links = new ArrayList<>();
    private final Map<PeerLink, ArrayDeque<Message>> backlogs = new HashMap<>();

    void add(PeerLink link) {
        links.add(link);
    }

    void remove(PeerLink link) {
        links.remove(link);
        backlogs.remove(link);
    }

    /**
     * Sends a message to every link.
     *
     * @param message the message
     * @param mayDrop true if a full link may miss it, false to keep it in the link's backlog
     */
    void sendToAll(Message message, boolean mayDrop) {
        for (PeerLink link : links) {
            send(link, message, mayDrop);
        }
    }

    /**
     * Sends a message to one link, behind its backlog.
     *
     * @param link the link
     * @param message the message
     * @param mayDrop true if a full link may miss it
     */
    void send(PeerLink link, Message message, boolean mayDrop) {
        ArrayDeque<Message> backlog = backlogs.get(link);
        if (backlog == null && link.outbound().write(message) || link.outbound().isReaderClosed() || mayDrop) {
            return;
        }
        backlogs.computeIfAbsent(link, unused -> new ArrayDeque<>()).add(message);
    }

    /**
     * Moves as much of a link's backlog into its pipe as fits; called when the pipe has room again.
     *
     * @param link the link
     */
    void flush(PeerLink link) {
        ArrayDeque<Message> backlog = backlogs.get(link);
        if (backlog == null) {
            return;
        }
        while (!backlog.isEmpty() && link.outbound().write(backlog.peek())) {
            backlog.poll();
        }
        if (backlog.isEmpty() || link.outbound().isReaderClosed()) {
            backlogs.remove(link);
        }
    }
}
