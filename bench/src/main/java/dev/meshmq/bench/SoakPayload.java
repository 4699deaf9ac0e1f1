package dev.meshmq.bench;

import dev.meshmq.Frame;
import dev.meshmq.Message;

/**
 * The bodies a soak sends: message {@code seq} of a round is {@code size} bytes, the first eight (or
 * fewer) the little-endian sequence number, each later byte {@code seq + index}. The receiver can so tell
 * a lost, repeated, reordered, truncated or corrupted message from the expected one, at any size.
 *
 * <p>Thread-safety: stateless.
 */
final class SoakPayload {

    private static final int SEQ_BYTES = 8;

    private SoakPayload() {
    }

    static byte[] body(long seq, int size) {
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = expected(seq, i);
        }
        return body;
    }

    /**
     * Checks one received message.
     *
     * @param message what arrived
     * @param seq the sequence number expected next
     * @param size the expected body size
     * @return null if it is message {@code seq}, else the first problem in words
     */
    static String check(Message message, long seq, int size) {
        if (message.size() != 1) {
            return "message " + seq + " has " + message.size() + " frames, expected 1";
        }
        Frame frame = message.frame(0);
        if (frame.size() != size) {
            return "message " + seq + " has " + frame.size() + " bytes, expected " + size;
        }
        for (int i = 0; i < size; i++) {
            byte got = frame.byteAt(i);
            if (got != expected(seq, i)) {
                return "message " + seq + " differs at byte " + i + " (lost, reordered or corrupted): got "
                        + got + ", expected " + expected(seq, i);
            }
        }
        return null;
    }

    /**
     * Reads the sequence number a body carries (all of it for bodies of at least eight bytes).
     *
     * @param body the frame
     * @return the number
     */
    static long sequence(Frame body) {
        long seq = 0;
        for (int i = 0; i < Math.min(SEQ_BYTES, body.size()); i++) {
            seq |= (body.byteAt(i) & 0xFFL) << (8 * i);
        }
        return seq;
    }

    private static byte expected(long seq, int index) {
        return index < SEQ_BYTES ? (byte) (seq >>> (8 * index)) : (byte) (seq + index);
    }
}
