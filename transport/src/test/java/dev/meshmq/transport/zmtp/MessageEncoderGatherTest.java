package dev.meshmq.transport.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The encoder's side of a gathering write: when a body is handed out, and what it insists on before going on. */
class MessageEncoderGatherTest {

    private static Frame direct(int size, int fill) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < size; i++) {
            buffer.put((byte) (fill + i));
        }
        return Frame.wrap(buffer.flip());
    }

    @Test
    void handsOutADirectBodyAtTheThresholdAfterItsHeader() {
        int size = MessageEncoder.GATHER_THRESHOLD;
        MessageEncoder encoder = new MessageEncoder();
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        encoder.start(Message.of(direct(size, 1), Frame.of("tail")));
        assertFalse(encoder.encodeTo(out));
        assertEquals(9, out.position(), "only the long header");
        assertEquals(0x03, out.get(0), "MORE and LONG");
        ByteBuffer body = encoder.gatheredBody();
        assertEquals(size, body.remaining());
        assertTrue(body.isDirect() && body.isReadOnly());
        assertFalse(encoder.encodeTo(out), "nothing more while the body waits");
        assertEquals(9, out.position());
        assertThrows(IllegalStateException.class, encoder::gatheredBodyWritten, "not written yet");
        body.position(size - 1);
        assertThrows(IllegalStateException.class, encoder::gatheredBodyWritten, "one byte left");
        body.position(size);
        assertFalse(encoder.gatheredBodyWritten(), "the tail frame is next");
        assertNull(encoder.gatheredBody());
        assertTrue(encoder.encodeTo(out));
        assertTrue(encoder.isIdle());
        byte[] tail = new byte[6];
        out.get(9, tail);
        assertArrayEquals(new byte[] {0, 4, 't', 'a', 'i', 'l'}, tail);
    }

    @Test
    void copiesDirectBodiesBelowTheThresholdAndHeapBodiesOfAnySize() {
        int threshold = MessageEncoder.GATHER_THRESHOLD;
        Frame[] frames = {direct(threshold - 1, 2), Frame.wrap(new byte[threshold * 2]),
            Frame.wrap(ByteBuffer.allocate(threshold + 3).position(3))};
        for (Frame frame : frames) {
            MessageEncoder encoder = new MessageEncoder();
            ByteBuffer out = ByteBuffer.allocate(frame.size() + 9);
            encoder.start(Message.of(frame));
            assertTrue(encoder.encodeTo(out), frame.toString());
            assertNull(encoder.gatheredBody());
            assertEquals(frame.size() + 9, out.position());
        }
    }

    @Test
    void theLastGatheredFrameEndsTheMessage() {
        MessageEncoder encoder = new MessageEncoder(16);
        encoder.start(Message.of(direct(300, 3)));
        ByteBuffer out = ByteBuffer.allocate(100);
        assertFalse(encoder.encodeTo(out));
        assertEquals(0x02, out.get(0), "LONG, no MORE");
        ByteBuffer body = encoder.gatheredBody();
        body.position(body.limit());
        assertTrue(encoder.gatheredBodyWritten());
        assertTrue(encoder.isIdle());
        assertThrows(IllegalStateException.class, encoder::gatheredBodyWritten);
    }
}
