package dev.meshmq.patterns.core;

import dev.meshmq.SocketOption;
import dev.meshmq.SocketOptions;
import dev.meshmq.transport.PeerLink;
import dev.meshmq.transport.TransportOptions;

/**
 * Keeps the high-water marks of a socket's existing links in step with its options: libzmq applies
 * a SEND_HWM or RECEIVE_HWM set after connect or bind to the pipes that exist already, and so does
 * MeshMQ.
 *
 * <p>Thread-safety: stateless; any thread ({@link PeerLink#applyHighWaterMarks} is safe from any
 * thread).
 */
final class LinkLimits {

    private LinkLimits() {
    }

    /** An option was set: if it is a high-water mark, applies it to every link. */
    static void optionSet(SocketOption<?> option, Iterable<PeerLink> links, TransportOptions now) {
        if (option == SocketOptions.SEND_HWM || option == SocketOptions.RECEIVE_HWM) {
            for (PeerLink link : links) {
                link.applyHighWaterMarks(now);
            }
        }
    }

    /**
     * A link joined the socket: it may have been made with options older than the current ones (an
     * accepted connection, made from the listener's view of the options), so apply the current marks.
     */
    static void attached(PeerLink link, TransportOptions now) {
        link.applyHighWaterMarks(now);
    }
}
