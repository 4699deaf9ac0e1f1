package dev.meshmq.patterns;

import static dev.meshmq.testsupport.RawZmtpPeer.command;
import static dev.meshmq.testsupport.RawZmtpPeer.concat;
import static dev.meshmq.testsupport.RawZmtpPeer.greeting;
import static dev.meshmq.testsupport.RawZmtpPeer.nullGreeting;
import static dev.meshmq.testsupport.RawZmtpPeer.ready;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.MonitorEvents;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16, items 1 and 6: after a protocol error in the handshake the connecting socket stops trying
 * that endpoint, as libzmq does (RFC 37: no reconnect after ERROR), instead of retrying every
 * RECONNECT_INTERVAL (7-10 attempts in 1.5-3 s before this change); and an ERROR in the handshake is
 * reported with its reason, as HANDSHAKE_FAILED_AUTH with the status code when it is a ZAP code.
 * The server here is a raw socket that answers every connection the same way and counts them.
 */
class ProtocolErrorStopTest {

    private static final Duration QUIET = Duration.ofMillis(1500);

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("socket type mismatch", concat(nullGreeting(), ready("PUB")),
                        MonitorEventType.HANDSHAKE_FAILED_PROTOCOL, -1),
                refusal("mechanism mismatch", greeting(3, 1, "CURVE"), MonitorEventType.HANDSHAKE_FAILED_PROTOCOL, -1),
                refusal("ERROR 400 in the handshake", concat(nullGreeting(), command("ERROR", reason("400"))),
                        MonitorEventType.HANDSHAKE_FAILED_AUTH, 400),
                refusal("ERROR with a text reason", concat(nullGreeting(), command("ERROR", reason("go away"))),
                        MonitorEventType.HANDSHAKE_FAILED_PROTOCOL, -1),
                refusal("unexpected command in the handshake", concat(nullGreeting(), command("PING", new byte[2])),
                        MonitorEventType.HANDSHAKE_FAILED_PROTOCOL, -1));
    }

    private static Arguments refusal(String name, byte[] answer, MonitorEventType event, long value) {
        return Arguments.of(Named.of(name, answer), event, value);
    }

    private static byte[] reason(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return concat(new byte[] {(byte) bytes.length}, bytes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void theConnectingSocketStopsAfterTheFirstRefusal(byte[] answer, MonitorEventType expected, long value)
            throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                Context context = Context.create();
                PushSocket push = context.createPush()) {
            AtomicInteger accepted = new AtomicInteger();
            Thread answering = new Thread(() -> answerAll(server, answer, accepted), "refusing-server");
            answering.setDaemon(true);
            answering.start();
            MonitorEvents events = new MonitorEvents();
            push.monitor(events);
            push.set(SocketOptions.RECONNECT_INTERVAL, Duration.ofMillis(50));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            push.connect("tcp://127.0.0.1:" + port);
            MonitorEvent failure = events.awaitEvent(expected, Duration.ofSeconds(5));
            if (value >= 0) {
                assertEquals(value, failure.value(), failure.toString());
            }
            if (expected == MonitorEventType.HANDSHAKE_FAILED_AUTH || failure.detail().contains("ERROR")) {
                assertTrue(failure.detail().contains("peer sent ERROR"), failure.toString());
            }
            await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> accepted.get() == 1);
            assertEquals(0, events.count(MonitorEventType.CONNECT_RETRIED), events.types().toString());
        }
    }

    private static void answerAll(ServerSocketChannel server, byte[] answer, AtomicInteger accepted) {
        while (server.isOpen()) {
            try (SocketChannel connection = server.accept()) {
                accepted.incrementAndGet();
                connection.write(ByteBuffer.wrap(answer));
                ByteBuffer sink = ByteBuffer.allocate(1024);
                while (connection.read(sink.clear()) >= 0) {
                    continue;
                }
            } catch (IOException closed) {
                // the server was closed, or the client went away: next
            }
        }
    }
}
