package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.transport.zmtp.Command;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The RADIO/DISH encodings: libzmq's datagram, the two-frame pipe form, JOIN and LEAVE commands. */
class GroupWireTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDatagramIsTheGroupLengthTheGroupAndTheBody() {
        ByteBuffer datagram = ByteBuffer.allocate(GroupWire.MAX_DATAGRAM);
        Message wire = GroupWire.toWire(Message.of("sunny").withGroup("weather"));
        assertTrue(GroupWire.encodeDatagram(wire, datagram));
        byte[] encoded = new byte[datagram.remaining()];
        datagram.duplicate().get(encoded);
        assertArrayEquals(RawBytes.concat(new byte[] {7}, bytes("weather"), bytes("sunny")), encoded);
        Message decoded = GroupWire.decodeDatagram(datagram);
        assertEquals(wire, decoded);
        assertEquals("weather", GroupWire.fromWire(decoded).group());
    }

    @Test
    void theLongestGroupAndTheLargestDatagramFitAndNoMore() {
        ByteBuffer datagram = ByteBuffer.allocate(GroupWire.MAX_DATAGRAM);
        String group = "g".repeat(255);
        byte[] body = new byte[GroupWire.MAX_DATAGRAM - 1 - 255];
        assertTrue(GroupWire.encodeDatagram(Message.of(Frame.of(bytes(group)), Frame.of(body)), datagram));
        assertEquals(GroupWire.MAX_DATAGRAM, datagram.remaining());
        assertEquals(group, GroupWire.fromWire(GroupWire.decodeDatagram(datagram)).group());
        assertFalse(GroupWire.encodeDatagram(Message.of(Frame.of(bytes(group)), Frame.of(new byte[body.length + 1])),
                datagram), "one byte too many");
        assertFalse(GroupWire.encodeDatagram(Message.of(Frame.of(new byte[256]), Frame.of(new byte[0])), datagram));
        assertFalse(GroupWire.encodeDatagram(Message.of("one frame"), datagram));
    }

    @Test
    void malformedDatagramsDecodeToNothing() {
        assertNull(GroupWire.decodeDatagram(ByteBuffer.allocate(0)), "empty");
        assertNull(GroupWire.decodeDatagram(ByteBuffer.wrap(new byte[] {3, 'a', 'b'})), "shorter than its group");
        assertNull(GroupWire.decodeDatagram(ByteBuffer.wrap(new byte[] {(byte) 255, 'a'})), "255 claimed, 1 there");
        assertNull(GroupWire.decodeDatagram(ByteBuffer.wrap(new byte[] {1, (byte) 0xff})), "not UTF-8");
        assertNull(GroupWire.decodeDatagram(ByteBuffer.wrap(new byte[] {1, 0})), "NUL");
        Message emptyGroupAndBody = GroupWire.decodeDatagram(ByteBuffer.wrap(new byte[] {0}));
        assertEquals("", GroupWire.fromWire(emptyGroupAndBody).group());
        assertEquals(0, GroupWire.fromWire(emptyGroupAndBody).first().size());
    }

    @Test
    void joinsAreJoinAndLeaveCommandsWhoseDataIsTheGroup() throws Exception {
        byte[] join = GroupWire.toCommand(GroupWire.joinMessage(true, "weather"));
        assertArrayEquals(RawBytes.concat(new byte[] {4, 12, 4}, bytes("JOIN"), bytes("weather")), join);
        byte[] leave = GroupWire.toCommand(GroupWire.joinMessage(false, "weather"));
        assertArrayEquals(RawBytes.concat(new byte[] {4, 13, 5}, bytes("LEAVE"), bytes("weather")), leave);
        Command parsed = Command.parse(java.util.Arrays.copyOfRange(join, 2, join.length));
        Message back = GroupWire.fromCommand(parsed);
        assertTrue(GroupWire.isJoin(back));
        assertEquals("weather", GroupWire.joinGroup(back));
        assertNull(GroupWire.fromCommand(Command.parse(RawBytes.concat(new byte[] {4}, bytes("JOIN"), new byte[256]))),
                "a group over 255 bytes");
    }

    @Test
    void aPipeMessageOtherThanGroupAndBodyIsMalformed() {
        assertNull(GroupWire.fromWire(Message.of("one")));
        assertNull(GroupWire.fromWire(Message.of("g", "a", "b")));
        assertNull(GroupWire.fromWire(Message.of(Frame.of(new byte[256]), Frame.of("x"))));
    }

    /** Byte concatenation for the expected values. */
    private static final class RawBytes {
        static byte[] concat(byte[]... parts) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (byte[] part : parts) {
                out.writeBytes(part);
            }
            return out.toByteArray();
        }
    }
}
