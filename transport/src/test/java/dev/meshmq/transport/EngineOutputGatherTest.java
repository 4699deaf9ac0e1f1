package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.transport.zmtp.MessageEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EngineOutput} with a channel that takes k bytes per write: the bytes on the wire are exactly the
 * ZMTP frames in order (headers built here independently), whether bodies are copied or gathered, however
 * the channel splits them; the ledger counts exactly the messages not yet written in full; a buffer is
 * borrowed only while encoded bytes wait; direct bodies from the gathering threshold on reach the channel as
 * direct buffers. Where every byte offset or a channel taking a byte or two at a time is tried, an encoder
 * gathering from 8 KiB on keeps the streams short.
 */
class EngineOutputGatherTest {

    private static final int KIB = 1024;
    private static final int[] SIZES = {0, 1, 255, 256, 8 * KIB - 1, 8 * KIB, 8 * KIB + 1, 64 * KIB - 1, 64 * KIB,
        64 * KIB + 1, 128 * KIB - 1, 128 * KIB, 128 * KIB + 1, 1024 * KIB};

    private static final int LOW_THRESHOLD = 8 * KIB;
    private static final IoBuffers BUFFERS = new IoBuffers();

    enum Backing { ARRAY, HEAP_BUFFER, DIRECT_BUFFER }

    /** Takes at most {@code perWrite} bytes per call; every other call takes nothing when {@code stalls}. */
    static final class StubChannel implements GatheringByteChannel {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        long directBodyBytes;
        int perWrite;
        boolean stalls;
        /** The channel takes nothing once this many bytes are in, once; then it goes on. */
        long stopAt = Long.MAX_VALUE;
        private boolean stallNext;

        StubChannel(int perWrite, boolean stalls) {
            this.perWrite = perWrite;
            this.stalls = stalls;
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) {
            if (received.size() == stopAt) {
                stopAt = Long.MAX_VALUE;
                return 0;
            }
            if (stalls) {
                stallNext = !stallNext;
                if (stallNext) {
                    return 0;
                }
            }
            long left = Math.min(perWrite, stopAt - received.size());
            long total = 0;
            for (int i = offset; i < offset + length && left > 0; i++) {
                ByteBuffer source = sources[i];
                int count = (int) Math.min(left, source.remaining());
                if (source.isDirect() && source.isReadOnly()) {
                    directBodyBytes += count;
                }
                byte[] bytes = new byte[count];
                source.get(bytes);
                received.writeBytes(bytes);
                left -= count;
                total += count;
            }
            return total;
        }

        @Override
        public long write(ByteBuffer[] sources) {
            return write(sources, 0, sources.length);
        }

        @Override
        public int write(ByteBuffer source) {
            return (int) write(new ByteBuffer[] {source}, 0, 1);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    static Frame frame(int size, int seed, Backing backing) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        switch (backing) {
            case ARRAY:
                return Frame.wrap(bytes);
            case HEAP_BUFFER:
                return Frame.wrap(ByteBuffer.allocate(size + 2).put(1, bytes).position(1).limit(1 + size));
            default:
                return Frame.wrap(ByteBuffer.allocateDirect(size).put(bytes).flip());
        }
    }

    /** ZMTP framing written out by hand, independently of the encoder. */
    static byte[] wire(List<Message> messages, List<Long> ends) {
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
            ends.add((long) out.size());
        }
        return out.toByteArray();
    }

    /** Flushes until everything is written, checking the ledger and the borrowed buffer after every flush. */
    static StubChannel sendAll(List<Message> messages, StubChannel channel) throws IOException {
        return sendAll(messages, channel, new MessageEncoder());
    }

    static StubChannel sendAll(List<Message> messages, StubChannel channel, MessageEncoder encoder)
            throws IOException {
        List<Long> ends = new ArrayList<>();
        byte[] expected = wire(messages, ends);
        EngineOutput output = new EngineOutput(BUFFERS, channel, encoder);
        ArrayDeque<Message> queue = new ArrayDeque<>(messages);
        output.start(new EngineOutput.Source() {
            @Override
            public Message nextOutgoing() {
                return queue.poll();
            }

            @Override
            public byte[] commandFor(Message message) {
                return null;
            }
        }, null);
        int taken = 0;
        for (int round = 0; round < 100_000_000; round++) {
            EngineOutput.Flush result = output.flush(1024 * 1024, true);
            taken = messages.size() - queue.size();
            long written = channel.received.size();
            long whole = ends.stream().filter(end -> end <= written).count();
            assertEquals(taken - whole, output.unwritten(), "messages taken but not written in full");
            if (result == EngineOutput.Flush.DRAINED && queue.isEmpty()) {
                break;
            }
        }
        assertTrue(output.isIdle());
        assertFalse(output.holdsBuffer(), "nothing borrowed once all is written");
        assertEquals(0, output.unwritten());
        assertArrayEquals(expected, channel.received.toByteArray());
        return channel;
    }

    static List<Message> everySize(Backing backing, int upTo) {
        List<Message> messages = new ArrayList<>();
        for (int size : SIZES) {
            if (size <= upTo) {
                messages.add(Message.of(frame(size, size, backing)));
                messages.add(Message.of(frame(size, size + 1, backing), frame(3, 3, Backing.ARRAY),
                        frame(size, size + 2, backing)));
            }
        }
        return messages;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 9, 255, 8 * KIB - 1, 8 * KIB, 8 * KIB + 1, 64 * KIB, 64 * KIB + 9, 1 << 22})
    void everySizeAndBackingArrivesExactlyWhateverTheChannelTakes(int perWrite) throws IOException {
        boolean tiny = perWrite < 256;
        int upTo = tiny ? 8 * KIB + 1 : Integer.MAX_VALUE;
        for (Backing backing : Backing.values()) {
            for (boolean stalls : new boolean[] {false, true}) {
                MessageEncoder encoder = tiny ? new MessageEncoder(LOW_THRESHOLD) : new MessageEncoder();
                StubChannel channel = sendAll(everySize(backing, upTo), new StubChannel(perWrite, stalls), encoder);
                if (backing != Backing.DIRECT_BUFFER) {
                    assertEquals(0, channel.directBodyBytes, "heap bodies are copied, " + backing);
                }
            }
        }
    }

    @Test
    void directBodiesFromTheThresholdOnAreGatheredNotCopied() throws IOException {
        for (int size : SIZES) {
            StubChannel channel = sendAll(List.of(Message.of(frame(size, 1, Backing.DIRECT_BUFFER))),
                    new StubChannel(Integer.MAX_VALUE, false));
            assertEquals(size >= MessageEncoder.GATHER_THRESHOLD ? size : 0, channel.directBodyBytes,
                    "a direct body of " + size);
        }
    }

    /** A run of messages mixing gathered and copied bodies, split once at every byte offset. */
    @Test
    void aSplitAtEveryOffsetKeepsTheBytesInOrder() throws IOException {
        List<Message> messages = List.of(
                Message.of(frame(100, 1, Backing.ARRAY)),
                Message.of(frame(8 * KIB, 2, Backing.DIRECT_BUFFER), frame(1, 3, Backing.HEAP_BUFFER)),
                Message.of(frame(300, 4, Backing.DIRECT_BUFFER)),
                Message.of(frame(9000, 5, Backing.DIRECT_BUFFER), frame(8 * KIB + 1, 6, Backing.DIRECT_BUFFER)));
        int total = wire(messages, new ArrayList<>()).length;
        for (int split = 0; split < total; split++) {
            StubChannel channel = new StubChannel(Integer.MAX_VALUE, false);
            channel.stopAt = split;
            sendAll(messages, channel, new MessageEncoder(LOW_THRESHOLD));
            assertEquals(Long.MAX_VALUE, channel.stopAt, "the channel stopped at " + split);
        }
    }

    @Test
    void aBufferIsBorrowedOnlyWhileEncodedBytesWait() throws IOException {
        int size = MessageEncoder.GATHER_THRESHOLD;
        List<Message> one = List.of(Message.of(frame(size, 1, Backing.DIRECT_BUFFER)));
        for (int firstWrite : new int[] {0, 5, 9, 10, 1000}) {
            StubChannel channel = new StubChannel(firstWrite, false);
            EngineOutput output = new EngineOutput(new IoBuffers(), channel);
            ArrayDeque<Message> queue = new ArrayDeque<>(one);
            output.start(new EngineOutput.Source() {
                @Override
                public Message nextOutgoing() {
                    return queue.poll();
                }

                @Override
                public byte[] commandFor(Message message) {
                    return null;
                }
            }, null);
            assertEquals(EngineOutput.Flush.BLOCKED, output.flush(1 << 20, true));
            // the 9-byte header is the only encoded byte: the body stays in the frame, not in a buffer
            assertEquals(firstWrite < 9, output.holdsBuffer(), "after a first write of " + firstWrite);
            assertEquals(1, output.unwritten());
            channel.perWrite = Integer.MAX_VALUE;
            assertEquals(EngineOutput.Flush.DRAINED, output.flush(1 << 20, true));
            assertFalse(output.holdsBuffer());
            assertEquals(0, output.unwritten());
            assertEquals(9 + size, channel.received.size());
        }
    }
}
