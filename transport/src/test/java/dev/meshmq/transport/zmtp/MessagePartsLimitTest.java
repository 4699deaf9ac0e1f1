package dev.meshmq.transport.zmtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Message;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The frames-per-message limit (MAX_MESSAGE_PARTS) in the frame decoder: a message of exactly the limit is
 * delivered, one frame more is MESSAGE_TOO_LARGE as soon as that frame's header is read (before its body
 * is allocated), commands between the frames do not count, and -1 means no limit.
 *
 * <p>Thread-safety: one test thread.
 */
class MessagePartsLimitTest {

    private static byte[] emptyFrames(int count, boolean lastEndsTheMessage) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            boolean last = i == count - 1 && lastEndsTheMessage;
            out.writeBytes(Bytes.of(last ? 0x00 : 0x01, 0));
        }
        return out.toByteArray();
    }

    private static Recorder decode(FrameDecoder decoder, byte[] bytes) throws ZmtpProtocolException {
        Recorder recorder = new Recorder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        decoder.decode(in, recorder);
        assertFalse(in.hasRemaining());
        return recorder;
    }

    @Test
    void aMessageOfExactlyTheLimitIsDeliveredWithTheCommandsBetweenItsFramesNotCounted() throws Exception {
        FrameDecoder decoder = new FrameDecoder(-1, 3);
        byte[] stream = Bytes.of(0x01, 1, "a", 0x04, 0x07, 4, "PING", 0x00, 0x19, 0x01, 1, "b", 0x04, 0x05, 4, "PONG",
                0x00, 1, "c", 0x00, 1, "d");
        Recorder recorder = decode(decoder, stream);
        assertEquals(4, recorder.events.size(), recorder.events.toString());
        assertEquals(Message.of("a", "b", "c"), recorder.events.get(2));
        assertEquals(Message.of("d"), recorder.events.get(3));
    }

    @Test
    void oneFrameMoreFailsAtItsHeaderBeforeItsBodyIsAllocated() {
        FrameDecoder decoder = new FrameDecoder(-1, 3);
        // three frames with MORE, then the header of a fourth that claims 1 GiB and sends none of it
        byte[] stream = Bytes.of(emptyFrames(3, false), 0x02, Bytes.u64(1L << 30));
        ZmtpProtocolException failure = assertThrows(ZmtpProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(stream), new Recorder()));
        assertEquals(ProtocolError.MESSAGE_TOO_LARGE, failure.error());
        assertTrue(failure.getMessage().contains("MAX_MESSAGE_PARTS 3"), failure.getMessage());
    }

    @Test
    void theDefaultLimitCutsAnEndlessRunOfEmptyMoreFrames() {
        FrameDecoder decoder = new FrameDecoder(-1, 65_536);
        Recorder recorder = new Recorder();
        byte[] chunk = emptyFrames(4096, false);
        int chunks = 0;
        ZmtpProtocolException failure = null;
        while (failure == null && chunks < 1000) {
            try {
                decoder.decode(ByteBuffer.wrap(chunk), recorder);
                chunks++;
            } catch (ZmtpProtocolException e) {
                failure = e;
            }
        }
        assertEquals(16, chunks, "65,536 empty frames pass, the next one fails");
        assertEquals(ProtocolError.MESSAGE_TOO_LARGE, failure.error());
        assertTrue(recorder.events.isEmpty(), recorder.events.toString());
    }

    @Test
    void minusOneMeansNoLimit() throws Exception {
        FrameDecoder decoder = new FrameDecoder(-1, -1);
        Recorder recorder = decode(decoder, emptyFrames(200_001, true));
        assertEquals(1, recorder.events.size());
        assertEquals(200_001, ((Message) recorder.events.get(0)).size());
    }

    @Test
    void aLimitBelowOneOtherThanMinusOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(-1, -2));
        assertThrows(IllegalArgumentException.class, () -> new MessageAssembler(0));
    }
}
