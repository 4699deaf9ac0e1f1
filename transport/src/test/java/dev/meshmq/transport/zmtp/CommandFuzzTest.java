package dev.meshmq.transport.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing of command parsing ({@link Command#parse} and the accessors the engine calls):
 * any command body either parses, reads and encodes back to itself, or fails with a
 * {@link ZmtpProtocolException}; nothing else is thrown.
 */
class CommandFuzzTest {

    @FuzzTest(maxDuration = "2h", maxExecutions = 10_000_000)
    void commandBody(byte[] body) throws ZmtpProtocolException {
        Command command;
        try {
            command = Command.parse(body);
        } catch (ZmtpProtocolException e) {
            assertEquals(ProtocolError.MALFORMED_COMMAND_UNSPECIFIED, e.error());
            return;
        }
        byte[] data = command.data();
        if (isLibzmqPlainError(body)) {
            // libzmq's PLAIN ERROR: "\x05ERROR" written as the bytes 0x5E "RROR"; read as ERROR
            assertEquals(ZmtpWire.COMMAND_ERROR, command.name());
            assertArrayEquals(Arrays.copyOfRange(body, LIBZMQ_PLAIN_ERROR.length, body.length), data);
        } else {
            int nameLength = body[0] & 0xFF;
            assertEquals(new String(body, 1, nameLength, StandardCharsets.US_ASCII), command.name());
            assertEquals(body.length - 1 - nameLength, data.length);
        }
        Command again = CommandReading.reparse(Command.encode(command.name(), data));
        assertEquals(command.name(), again.name());
        assertArrayEquals(data, again.data());
        assertTrue(!CommandReading.read(command).isEmpty());
    }

    private static final byte[] LIBZMQ_PLAIN_ERROR = {0x5E, 'R', 'R', 'O', 'R'};

    /** The body of libzmq 4.3.4's PLAIN ERROR, whose name-len (94) runs past its end. */
    private static boolean isLibzmqPlainError(byte[] body) {
        return body.length > LIBZMQ_PLAIN_ERROR.length
                && Arrays.equals(body, 0, LIBZMQ_PLAIN_ERROR.length, LIBZMQ_PLAIN_ERROR, 0, LIBZMQ_PLAIN_ERROR.length)
                && 1 + (body[0] & 0xFF) > body.length;
    }
}
