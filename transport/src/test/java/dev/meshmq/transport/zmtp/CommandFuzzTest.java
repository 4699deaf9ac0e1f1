package dev.meshmq.transport.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

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
        int nameLength = body[0] & 0xFF;
        assertEquals(new String(body, 1, nameLength, StandardCharsets.US_ASCII), command.name());
        byte[] data = command.data();
        assertEquals(body.length - 1 - nameLength, data.length);
        Command again = CommandReading.reparse(Command.encode(command.name(), data));
        assertEquals(command.name(), again.name());
        assertArrayEquals(data, again.data());
        assertTrue(!CommandReading.read(command).isEmpty());
    }
}
