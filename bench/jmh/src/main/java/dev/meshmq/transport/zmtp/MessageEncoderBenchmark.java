package dev.meshmq.transport.zmtp;

import dev.meshmq.Message;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of {@link MessageEncoder}: a batch of {@value MessageBatchParams#BATCH} messages encoded back to
 * back into one reused direct buffer, as the stream engine fills its output buffer before a socket
 * write. One operation is one message; {@code size} and {@code shape} are those of
 * {@link MessageBatchParams}.
 *
 * <p>Threading: {@link Scope#Thread} state; each benchmark thread has its own encoder, messages and
 * buffer (the encoder is single-threaded, as it is in an I/O thread). Not final: JMH subclasses it.
 */
@State(Scope.Thread)
public class MessageEncoderBenchmark extends MessageBatchParams {

    final MessageEncoder encoder = new MessageEncoder();
    Message[] messages;
    ByteBuffer out;

    /** Builds the batch and a buffer that holds exactly its encoding. */
    @Setup
    public void setUp() {
        messages = newBatch();
        out = BatchEncoding.bufferFor(messages);
    }

    /**
     * Encodes the batch from the start of the buffer.
     *
     * @return the bytes written
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int encodeBatch() {
        out.clear();
        BatchEncoding.encodeAll(encoder, messages, out);
        return out.position();
    }
}
