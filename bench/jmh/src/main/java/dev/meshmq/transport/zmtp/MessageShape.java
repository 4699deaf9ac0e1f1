package dev.meshmq.transport.zmtp;

import dev.meshmq.Message;
import java.util.Arrays;

/**
 * What the messages of the encoder and decoder benchmarks look like, given the size of their body.
 */
public enum MessageShape {
    /** One frame: the body. */
    SINGLE,
    /** Three frames, as a ROUTER sees a request: a 5-byte routing id, an empty delimiter, the body. */
    ENVELOPE;

    private static final int ROUTING_ID_SIZE = 5;

    /**
     * Returns {@code count} messages of this shape, each body {@code bodySize} bytes of its own index,
     * so that messages can be told apart after a round trip.
     *
     * @param count how many messages
     * @param bodySize bytes in each body
     * @return new messages
     */
    Message[] batch(int count, int bodySize) {
        Message[] messages = new Message[count];
        for (int i = 0; i < count; i++) {
            byte[] body = new byte[bodySize];
            Arrays.fill(body, (byte) i);
            messages[i] = this == SINGLE ? Message.of(body) : Message.of(routingId(i), new byte[0], body);
        }
        return messages;
    }

    private static byte[] routingId(int index) {
        byte[] id = new byte[ROUTING_ID_SIZE];
        id[ROUTING_ID_SIZE - 1] = (byte) index;
        return id;
    }
}
