package dev.meshmq.transport.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;

/**
 * Reads a decoded command the way the engine does (READY's properties, PING's ttl and context, ERROR's
 * reason, a topic, PONG's context), checks that what was read encodes back to the same command, and
 * describes the result. A {@link ZmtpProtocolException} from an accessor is part of the description; any
 * other exception or a failed round trip fails the fuzz test that called it.
 *
 * <p>Thread-safety: stateless.
 */
final class CommandReading {

    private CommandReading() {
    }

    static String read(Command command) {
        String name = command.name();
        assertTrue(!name.isEmpty() && name.length() <= 255, name);
        try {
            String detail = switch (name) {
                case ZmtpWire.COMMAND_READY -> ready(command);
                case ZmtpWire.COMMAND_PING -> ping(command);
                case ZmtpWire.COMMAND_PONG -> "context " + command.pongContext().length;
                case ZmtpWire.COMMAND_ERROR -> error(command);
                case ZmtpWire.COMMAND_SUBSCRIBE, ZmtpWire.COMMAND_CANCEL -> "topic " + command.topic().length;
                default -> unknown(command);
            };
            return name + " " + detail;
        } catch (ZmtpProtocolException e) {
            return name + " error " + e.error();
        }
    }

    private static String ready(Command command) throws ZmtpProtocolException {
        Map<String, byte[]> properties = command.readyProperties();
        // the map is ordered by name, so the bytes may come back in another order: compare what they say
        Map<String, byte[]> reread = reparse(Command.encodeReady(properties)).readyProperties();
        assertEquals(properties.keySet(), reread.keySet());
        properties.forEach((key, value) -> assertArrayEquals(value, reread.get(key), key));
        return properties.keySet().toString();
    }

    private static String ping(Command command) throws ZmtpProtocolException {
        int ttl = command.pingTtlDeciseconds();
        byte[] context = command.pingContext();
        assertTrue(ttl >= 0 && ttl <= 0xFFFF && context.length <= ZmtpWire.MAX_PING_CONTEXT);
        Command again = reparse(Command.encodePing(ttl, context));
        assertEquals(ttl, again.pingTtlDeciseconds());
        assertArrayEquals(context, again.pingContext());
        Command pong = reparse(Command.encodePong(context));
        assertArrayEquals(context, pong.pongContext());
        return "ttl " + ttl + " context " + context.length;
    }

    private static String error(Command command) throws ZmtpProtocolException {
        String reason = command.errorReason();
        assertEquals(reason, reparse(Command.encodeError(reason)).errorReason());
        return "reason " + reason.length();
    }

    private static String unknown(Command command) {
        assertThrows(IllegalStateException.class, command::readyProperties);
        assertThrows(IllegalStateException.class, command::topic);
        return "data " + command.data().length;
    }

    /** Parses a whole encoded command frame back, checking its header first. */
    static Command reparse(byte[] frame) throws ZmtpProtocolException {
        boolean longForm = (frame[0] & ZmtpWire.FLAG_LONG) != 0;
        assertTrue((frame[0] & ZmtpWire.FLAG_COMMAND) != 0, "not a command frame");
        int header = longForm ? 9 : 2;
        long size = longForm ? java.nio.ByteBuffer.wrap(frame, 1, 8).getLong() : frame[1] & 0xFF;
        assertEquals(frame.length - header, size, "size field does not match the body");
        return Command.parse(Arrays.copyOfRange(frame, header, frame.length));
    }
}
