package dev.meshmq.transport.zmtp;

import dev.meshmq.Message;
import dev.meshmq.jmh.BenchmarkDefaults;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What the encoder and decoder benchmarks share: a batch of {@value #BATCH} messages, each with a
 * body of {@code size} bytes (above 255 the frame header takes the 9-byte long form), of the given
 * {@code shape}. The two benchmarks run over the same parameters so their figures line up.
 *
 * <p>Threading: {@link Scope#Thread} state (JMH wants parameters in a {@code @State} class); each
 * benchmark thread has its own batch.
 */
@State(Scope.Thread)
public abstract class MessageBatchParams extends BenchmarkDefaults {

    /** Messages per benchmark invocation. */
    static final int BATCH = 64;

    /** Body bytes of each message. */
    @Param({"1", "64", "1024"})
    public int size;

    /** Frames of each message. */
    @Param({"SINGLE", "ENVELOPE"})
    public MessageShape shape;

    /**
     * Returns a new batch of the current size and shape.
     *
     * @return {@value #BATCH} messages
     */
    Message[] newBatch() {
        return shape.batch(BATCH, size);
    }
}
