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

    /**
     * Returns a body to write right after the bytes encoded so far instead of copying it (a gathering
     * write), or null; while it is not null, {@link #encodeTo} writes nothing.
     *
     * @return the body's remaining bytes, or null; this encoder never returns one
     */
    default ByteBuffer gatheredBody() {
        return null;
    }

    /**
     * The channel took all of {@link #gatheredBody()}.
     *
     * @return true if the message is done (the encoder is idle again)
     * @throws IllegalStateException always, unless the encoder hands out bodies
     */
    default boolean gatheredBodyWritten() {
        throw new IllegalStateException("this encoder hands out no bodies");
    }
}
