package dev.meshmq.patterns.routing;

import dev.meshmq.Frame;
import dev.meshmq.transport.PeerLink;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ROUTER's map from routing id to link, and the source of automatic ids: five bytes, a zero byte
 * then a 32-bit big-endian counter that starts at a random value, as libzmq makes them.
 *
 * <p>Thread-safety: the socket's caller thread only.
 */
public final class RoutingTable {

    private final Map<Frame, PeerLink> links = new HashMap<>();
    private int nextAutomaticId = ThreadLocalRandom.current().nextInt();

    /** Returns the link routed by {@code routingId}, or null. */
    public PeerLink find(Frame routingId) {
        return links.get(routingId);
    }

    /** Routes {@code routingId} to {@code link}. */
    public void put(Frame routingId, PeerLink link) {
        links.put(routingId, link);
    }

    /** Removes the route of {@code routingId} if it still leads to {@code link}. */
    public void remove(Frame routingId, PeerLink link) {
        links.remove(routingId, link);
    }

    /** Returns a new automatic routing id (5 bytes, the first 0x00), unique in this table. */
    public Frame automaticId() {
        while (true) {
            byte[] id = ByteBuffer.allocate(5).put((byte) 0).putInt(nextAutomaticId++).array();
            Frame frame = Frame.wrap(id);
            if (!links.containsKey(frame)) {
                return frame;
            }
        }
    }
}
