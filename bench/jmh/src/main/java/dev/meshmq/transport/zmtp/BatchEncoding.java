package dev.meshmq.transport.zmtp;

import dev.meshmq.Message;
import java.nio.ByteBuffer;

/** Encodes a batch of messages back to back into one buffer, for the encoder and decoder benchmarks. */
final class BatchEncoding {

    private BatchEncoding() {
    }

    /**
     * Returns a direct buffer, like the stream engine's, exactly large enough for {@code messages}.
     *
     * @param messages the batch
     * @return an empty buffer
     */
    static ByteBuffer bufferFor(Message[] messages) {
        int total = 0;
        for (Message message : messages) {
            total = Math.addExact(total, MessageEncoder.encodedSize(message));
        }
        return ByteBuffer.allocateDirect(total);
    }

    /**
     * Encodes every message into {@code out}, from its position.
     *
     * @param encoder an idle encoder
     * @param messages the batch
     * @param out a buffer with room for the whole batch
     * @throws IllegalStateException if {@code out} fills up
     */
    static void encodeAll(MessageEncoder encoder, Message[] messages, ByteBuffer out) {
        for (Message message : messages) {
            encoder.start(message);
            if (!encoder.encodeTo(out)) {
                throw new IllegalStateException("output buffer too small for the batch");
            }
        }
    }
}
