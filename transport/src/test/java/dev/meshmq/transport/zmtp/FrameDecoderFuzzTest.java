package dev.meshmq.transport.zmtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of {@link FrameDecoder} and of the command accessors the engine calls on what it
 * decodes. For any stream, any size limit, any cutting of the bytes and any back-pressure from the handler:
 * the only exception is {@link ZmtpProtocolException}; no data frame exceeds the size limit and no message
 * the frames-per-message limit (MAX_MESSAGE_PARTS); a decoder that
 * stopped for back-pressure goes on exactly where it stopped; and the decoded items (and the error, if
 * any) are the same as when the whole stream is decoded in one call.
 */
class FrameDecoderFuzzTest {

    private static final long[] LIMITS = {-1, 0, 1, 255, 256, 4096, 70_000};
    private static final int[] PART_LIMITS = {-1, 1, 2, 3, 8};

    @FuzzTest(maxDuration = "2h", maxExecutions = 10_000_000)
    void framesInPiecesWithBackPressure(FuzzedDataProvider data) {
        long limit = data.pickValue(LIMITS);
        int pauseEvery = data.consumeInt(0, 4);
        int parts = data.pickValue(PART_LIMITS);
        byte[] cuts = data.consumeBytes(8);
        byte[] stream = data.consumeRemainingAsBytes();
        List<String> whole = decode(stream, limit, parts, new byte[0], 0);
        List<String> pieces = decode(stream, limit, parts, cuts, pauseEvery);
        assertEquals(whole, pieces, "decoding depends on how the bytes were cut or paused");
    }

    private static List<String> decode(byte[] stream, long limit, int parts, byte[] cuts, int pauseEvery) {
        FrameDecoder decoder = new FrameDecoder(limit, parts);
        Handler handler = new Handler(limit, parts, pauseEvery);
        ByteBuffer in = ByteBuffer.wrap(stream);
        int cut = 0;
        while (in.hasRemaining()) {
            int size = cuts.length == 0 ? in.remaining() : 1 + (cuts[cut++ % cuts.length] & 0xFF);
            ByteBuffer piece = in.slice().limit(Math.min(size, in.remaining()));
            while (piece.hasRemaining()) {
                int items = handler.items.size();
                try {
                    decoder.decode(piece, handler);
                } catch (ZmtpProtocolException e) {
                    handler.items.add("error " + e.error());
                    assertThrows(IllegalStateException.class, () -> decoder.decode(ByteBuffer.allocate(1), handler));
                    return handler.items;
                }
                if (piece.hasRemaining()) {
                    assertTrue(handler.paused && handler.items.size() > items, "stopped without being asked");
                }
                handler.paused = false;
            }
            in.position(in.position() + piece.position());
        }
        return handler.items;
    }

    /** Records what it receives, reads every command as the engine would, and pushes back now and then. */
    private static final class Handler implements FrameHandler {

        final List<String> items = new ArrayList<>();
        private final long limit;
        private final int parts;
        private final int pauseEvery;
        boolean paused;

        Handler(long limit, int parts, int pauseEvery) {
            this.limit = limit;
            this.parts = parts;
            this.pauseEvery = pauseEvery;
        }

        @Override
        public boolean onMessage(Message message) {
            assertTrue(message.size() > 0);
            assertTrue(parts == -1 || message.size() <= parts, "a message of " + message.size() + " frames");
            StringBuilder text = new StringBuilder("message");
            for (Frame frame : message) {
                assertTrue(limit == -1 || frame.size() <= limit, "frame over the limit: " + frame.size());
                text.append(' ').append(frame.size());
            }
            items.add(text.toString());
            return keepGoing();
        }

        @Override
        public boolean onCommand(Command command) {
            assertTrue(command.data().length <= FrameDecoder.MAX_COMMAND_SIZE);
            items.add(CommandReading.read(command));
            return keepGoing();
        }

        private boolean keepGoing() {
            paused = pauseEvery > 0 && items.size() % pauseEvery == 0;
            return !paused;
        }
    }
}
