package dev.meshmq.transport.zmtp;

import dev.meshmq.Message;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of {@link FrameDecoder}: a direct buffer holding {@value MessageBatchParams#BATCH} encoded
 * messages, as the stream engine's input buffer holds them after a socket read, decoded in one call
 * into a handler that hands each message to a {@link Blackhole}. One operation is one message;
 * {@code size} and {@code shape} are those of {@link MessageBatchParams}. The buffer is encoded once and rewound before
 * each invocation; the decoder allocates each frame's body and each message, as it does in service.
 *
 * <p>Threading: {@link Scope#Thread} state; each benchmark thread has its own decoder, buffer and
 * handler (the decoder is single-threaded, as it is in an I/O thread). Not final: JMH subclasses it.
 */
@State(Scope.Thread)
public class FrameDecoderBenchmark extends MessageBatchParams {

    final SinkHandler handler = new SinkHandler();
    FrameDecoder decoder;
    ByteBuffer wire;

    /** Encodes the batch once; a decoder without a message size limit. */
    @Setup
    public void setUp() {
        Message[] messages = newBatch();
        wire = BatchEncoding.bufferFor(messages);
        BatchEncoding.encodeAll(new MessageEncoder(), messages, wire);
        wire.flip();
        decoder = new FrameDecoder(-1);
    }

    /**
     * Decodes the whole buffer from its start.
     *
     * @param blackhole takes every decoded message
     * @throws ZmtpProtocolException never: the buffer is well-formed
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void decodeBatch(Blackhole blackhole) throws ZmtpProtocolException {
        wire.position(0);
        handler.blackhole = blackhole;
        decoder.decode(wire, handler);
    }

    /** Hands messages to a blackhole, counts them and keeps the last; rejects commands. */
    static final class SinkHandler implements FrameHandler {
        Blackhole blackhole;
        long messages;
        Message last;

        @Override
        public boolean onMessage(Message message) {
            blackhole.consume(message);
            messages++;
            last = message;
            return true;
        }

        @Override
        public boolean onCommand(Command command) throws ZmtpProtocolException {
            throw new ZmtpProtocolException(ProtocolError.MALFORMED_COMMAND_UNSPECIFIED,
                    "the benchmark's buffer holds no commands: " + command);
        }
    }
}
