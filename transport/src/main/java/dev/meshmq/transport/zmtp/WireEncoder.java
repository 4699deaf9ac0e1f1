package dev.meshmq.transport.zmtp;

import dev.meshmq.Message;
import java.nio.ByteBuffer;

/**
 * Turns messages into the bytes of a connection, into output buffers of any size: {@link #start} a
 * message, then {@link #encodeTo} buffers until it returns true. {@link MessageEncoder} writes ZMTP
 * frames in clear text; a CURVE connection seals each frame into a MESSAGE command instead.
 *
 * <p>Threading: single-threaded, owned by one I/O thread at a time.
 */
public interface WireEncoder {

    /**
     * Starts encoding {@code message}.
     *
     * @param message the message
     * @throws IllegalStateException if the previous message is not completely written yet
     */
    void start(Message message);

    /**
     * Writes as much of the current message as fits in {@code out}.
     *
     * @param out the buffer to write into, from its position
     * @return true once the whole message has been written (the encoder is idle again)
     */
    boolean encodeTo(ByteBuffer out);

    /**
     * Returns whether no message is being encoded.
     *
     * @return true if {@link #start} may be called
     */
    boolean isIdle();
}
