package dev.meshmq.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {

    @Test
    void demoMovesMessagesOverEveryTransportAndReportsThem() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Demo.run(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String output = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(output.matches("(?s).*PUSH -> PULL over tcp://127\\.0\\.0\\.1:\\d+: .* checksum ok.*"), output);
        assertTrue(output.contains("PUSH -> PULL over inproc://demo-pipeline"), output);
        assertTrue(output.matches(
                "(?s).*PAIR <-> PAIR over tcp://127\\.0\\.0\\.1:\\d+: sent \"ping\", got back \"pong\".*"), output);
        assertTrue(output.contains("PAIR <-> PAIR over inproc://demo-pair: sent \"ping\", got back \"pong\""), output);
        assertTrue(output.endsWith("done" + System.lineSeparator()), output);
        assertTrue(!output.contains("WRONG"), output);
    }
}
