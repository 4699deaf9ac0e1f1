package dev.meshmq.patterns;

import static dev.meshmq.testsupport.RawZmtpPeer.FLAG_MORE;
import static dev.meshmq.testsupport.RawZmtpPeer.command;
import static dev.meshmq.testsupport.RawZmtpPeer.concat;
import static dev.meshmq.testsupport.RawZmtpPeer.frame;
import static dev.meshmq.testsupport.RawZmtpPeer.message;
import static dev.meshmq.testsupport.RawZmtpPeer.nullGreeting;
import static dev.meshmq.testsupport.RawZmtpPeer.ready;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PullSocket;
import dev.meshmq.testsupport.MonitorEvents;
import dev.meshmq.testsupport.RawZmtpPeer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16, items 2 and 3: after the handshake a well-formed command that means nothing to the socket
 * (an unknown name, a second READY, an ERROR, one between the frames of a multipart message) is
 * ignored as libzmq ignores it, counted, and reported once per connection; the messages after it are
 * delivered and the connection stays up. A PING with a context longer than 16 bytes is answered with
 * the context cut to 16 bytes. Each case closed the connection before this change.
 */
class ToleratedCommandsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Context context;
    private PullSocket pull;
    private String endpoint;
    private final MonitorEvents events = new MonitorEvents();

    @BeforeEach
    void setUp() {
        context = Context.create();
        pull = context.createPull();
        pull.monitor(events);
        endpoint = pull.bind("tcp://127.0.0.1:*");
    }

    @AfterEach
    void tearDown() {
        context.close();
    }

    static Stream<Arguments> harmlessCommands() {
        return Stream.of(
                named("an unknown command", command("BOGUS", bytes("x"))),
                named("a second READY", ready("PUSH")),
                named("an ERROR after the handshake", command("ERROR", concat(new byte[] {3}, bytes("400")))),
                named("a SUBSCRIBE to a PULL", command("SUBSCRIBE", bytes("topic"))));
    }

    private static Arguments named(String name, byte[] bytes) {
        return Arguments.of(Named.of(name, bytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("harmlessCommands")
    void aHarmlessCommandIsIgnoredAndTheMessagesAfterItArrive(byte[] harmless) throws IOException {
        try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
            raw.send(concat(nullGreeting(), ready("PUSH"), message("before"), harmless, message("after"),
                    harmless, message("again")), TIMEOUT);
            assertEquals("before", pull.receive(TIMEOUT).orElseThrow().string(0));
            assertEquals("after", pull.receive(TIMEOUT).orElseThrow().string(0));
            assertEquals("again", pull.receive(TIMEOUT).orElseThrow().string(0));
            assertFalse(raw.isClosedByServer(), "the connection was closed for a harmless command");
            events.awaitEvent(MonitorEventType.COMMAND_IGNORED, TIMEOUT);
            assertEquals(1, events.count(MonitorEventType.COMMAND_IGNORED), "one event per connection");
            assertEquals(2, pull.statistics().peers().get(0).commandsIgnored(), "both ignored commands counted");
        }
    }

    @Test
    void aCommandBetweenTheFramesOfAMessageLeavesTheMessageWhole() throws IOException {
        try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
            raw.send(concat(nullGreeting(), ready("PUSH"), frame(FLAG_MORE, bytes("part-1")),
                    command("BOGUS", new byte[0]), frame(0, bytes("part-2"))), TIMEOUT);
            Message received = pull.receive(TIMEOUT).orElseThrow();
            assertEquals(Message.of("part-1", "part-2"), received);
            assertFalse(raw.isClosedByServer());
        }
    }

    @Test
    void aPingWithALongContextIsAnsweredWithItsFirst16Bytes() throws IOException {
        byte[] contextBytes = new byte[40];
        for (int i = 0; i < contextBytes.length; i++) {
            contextBytes[i] = (byte) ('a' + i % 26);
        }
        try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
            raw.send(concat(nullGreeting(), ready("PUSH"), command("PING", concat(new byte[] {0, 0}, contextBytes)),
                    message("after-ping")), TIMEOUT);
            assertEquals("after-ping", pull.receive(TIMEOUT).orElseThrow().string(0));
            raw.receive(RawZmtpPeer.GREETING_SIZE, TIMEOUT);
            byte[] readyFrame = raw.receiveFrame(TIMEOUT);
            assertEquals("READY", new String(readyFrame, 2, 5, StandardCharsets.US_ASCII));
            assertArrayEquals(concat(new byte[] {RawZmtpPeer.FLAG_COMMAND},
                    RawZmtpPeer.commandBody("PONG", Arrays.copyOf(contextBytes, 16))), raw.receiveFrame(TIMEOUT));
            assertFalse(raw.isClosedByServer());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
