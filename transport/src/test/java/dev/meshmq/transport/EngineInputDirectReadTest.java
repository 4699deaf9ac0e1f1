package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.FrameDecoder;
import dev.meshmq.transport.zmtp.FrameHandler;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EngineInput} with a real {@link FrameDecoder} and a channel that hands out k bytes per read: every
 * frame arrives intact and in order whatever the split, large bodies are read straight into the body
 * array (not through the shared input buffer), and small ones never are.
 */
class EngineInputDirectReadTest {

    private static final int KIB = 1024;
    private static final int[] SIZES = {0, 1, 255, 256, 32 * KIB - 1, 32 * KIB, 32 * KIB + 1, 64 * KIB - 1, 64 * KIB,
        64 * KIB + 1, 1024 * KIB - 1, 1024 * KIB, 1024 * KIB + 1, 2 * 1024 * KIB + 3};

    /** Gives at most {@code perRead} bytes per call of the stream it holds, and counts where they went. */
    static final class StubChannel implements ReadableByteChannel {
        private final byte[] stream;
        private int at;
        final int perRead;
        long intoHeap;
        long intoShared;
        /** The next read returns 0 once when the stream position reaches this. */
        long stallAt = -1;

        StubChannel(byte[] stream, int perRead) {
            this.stream = stream;
            this.perRead = perRead;
        }

        @Override
        public int read(ByteBuffer target) {
            if (at == stallAt) {
                stallAt = -1;
                return 0;
            }
            int count = Math.min(Math.min(perRead, target.remaining()), stream.length - at);
            if (stallAt > at) {
                count = (int) Math.min(count, stallAt - at);
            }
            target.put(stream, at, count);
            at += count;
            if (target.isDirect()) {
                intoShared += count;
            } else {
                intoHeap += count;
            }
            return count;
        }

        boolean drained() {
            return at == stream.length;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** The engine's side: decodes with a real decoder and records the messages. */
    static final class Decoding implements EngineInput.Connection, FrameHandler {
        final FrameDecoder decoder = new FrameDecoder(-1);
        final List<Message> messages = new ArrayList<>();
        String closed;

        @Override
        public void decode(ByteBuffer in) {
            try {
                decoder.decode(in, this);
            } catch (ZmtpProtocolException e) {
                closed = e.getMessage();
            }
        }

        @Override
        public ByteBuffer directTarget(int minimum) {
            return decoder.directTarget(minimum);
        }

        @Override
        public boolean isOpen() {
            return closed == null;
        }

        @Override
        public void close(String reason) {
            closed = reason;
        }

        @Override
        public void wantReads(boolean wanted) {
        }

        @Override
        public void inputArrived() {
        }

        @Override
        public void pausedBySocket(boolean paused) {
        }

        @Override
        public boolean onMessage(Message message) {
            messages.add(message);
            return true;
        }

        @Override
        public boolean onCommand(Command command) {
            return true;
        }
    }

    static List<Message> messages(int... sizes) {
        List<Message> messages = new ArrayList<>();
        for (int size : sizes) {
            byte[] body = new byte[size];
            new Random(size).nextBytes(body);
            messages.add(Message.of(Frame.wrap(body)));
            messages.add(Message.of(Frame.of("head"), Frame.wrap(body.clone()), Frame.of("tail")));
        }
        return messages;
    }

    static byte[] wire(List<Message> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Message message : messages) {
            for (int i = 0; i < message.size(); i++) {
                Frame frame = message.frame(i);
                int more = i < message.size() - 1 ? 1 : 0;
                if (frame.size() > 255) {
                    out.write(more | 2);
                    out.writeBytes(ByteBuffer.allocate(8).putLong(frame.size()).array());
                } else {
                    out.write(more);
                    out.write(frame.size());
                }
                out.writeBytes(frame.toByteArray());
            }
        }
        return out.toByteArray();
    }

    /** Reads until the stub is drained, as the selector would call read() on every readable event. */
    static Decoding readAll(StubChannel channel) {
        Decoding decoding = new Decoding();
        EngineInput input = new EngineInput(channel, new IoBuffers(), decoding);
        for (int event = 0; !channel.drained() || channel.stallAt >= 0; event++) {
            assertTrue(event < 50_000_000, "no progress");
            input.read();
        }
        input.read();
        assertNull(decoding.closed);
        return decoding;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 9, 100, 4 * KIB, 32 * KIB, 64 * KIB - 1, 64 * KIB, 64 * KIB + 1, 1 << 22})
    void everySizeArrivesIntactWhateverTheReadsHandOut(int perRead) {
        List<Message> sent = perRead < 4 * KIB ? messages(0, 1, 255, 256, 32 * KIB + 1, 64 * KIB + 1)
                : messages(SIZES);
        Decoding decoding = readAll(new StubChannel(wire(sent), perRead));
        assertEquals(sent, decoding.messages);
    }

    @Test
    void largeBodiesAreReadIntoTheBodyAndSmallOnesThroughTheSharedBuffer() {
        List<Message> large = List.of(Message.of(Frame.wrap(new byte[1024 * KIB])));
        StubChannel channel = new StubChannel(wire(large), Integer.MAX_VALUE);
        assertEquals(large, readAll(channel).messages);
        assertTrue(channel.intoHeap >= 1024 * KIB - 64 * KIB, "read into the body: " + channel.intoHeap);

        List<Message> small = messages(0, 1, 255, 256, 1000, 32 * KIB - 10);
        StubChannel smallChannel = new StubChannel(wire(small), Integer.MAX_VALUE);
        assertEquals(small, readAll(smallChannel).messages);
        assertEquals(0, smallChannel.intoHeap, "bodies below the direct-read minimum");
    }

    /**
     * A stall (a read of 0 bytes) at every offset of the first 200 bytes (headers, small frames, the start of
     * a directly read body) and every 37th after, in a stream of direct-read and shared-buffer frames.
     */
    @Test
    void aStallAtAnyOffsetLosesNothing() {
        List<Message> sent = messages(3, 32 * KIB + 7, 300);
        byte[] stream = wire(sent);
        for (int stall = 0; stall < stream.length; stall += stall < 200 ? 1 : 37) {
            StubChannel channel = new StubChannel(stream, 40 * KIB);
            channel.stallAt = stall;
            Decoding decoding = readAll(channel);
            assertEquals(sent, decoding.messages, "stall at " + stall);
        }
    }

    @Test
    void aBodyReadInTenKibPiecesIsIntact() {
        byte[] body = new byte[100 * KIB];
        new Random(3).nextBytes(body);
        StubChannel channel = new StubChannel(wire(List.of(Message.of(Frame.wrap(body)))), 10 * KIB);
        Decoding decoding = readAll(channel);
        assertArrayEquals(body, decoding.messages.get(0).first().toByteArray());
    }
}
