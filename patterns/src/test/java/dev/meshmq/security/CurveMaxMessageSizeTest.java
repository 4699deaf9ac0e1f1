package dev.meshmq.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.CurveKeyPair;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.MonitorEvents;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MAX_MESSAGE_SIZE under CURVE follows the clear-text rule, each frame is held to the limit and not the
 * sum of a message's frames, applied as libzmq 4.3 applies it under CURVE: to the MESSAGE box, 33 bytes
 * longer than the frame inside (a libzmq CURVE server with MAXMSGSIZE 1000 takes a 967-byte frame and
 * drops the connection at 968). Both ways a MESSAGE may travel are held to it: in a data frame (libzmq's
 * way) and in a command frame (RFC 26's way), which until now was held only to the 1 MiB command limit.
 * A frame past the limit in the middle of a multipart message closes that one connection (the monitor
 * says why); the socket keeps serving.
 */
class CurveMaxMessageSizeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long LIMIT = 1024;
    /** A MESSAGE box's bytes around its frame: name 8, nonce 8, tag 16, flags 1. */
    private static final int BOX_OVERHEAD = 33;
    private static final int AT_LIMIT = (int) LIMIT - BOX_OVERHEAD;
    private static final int MORE = 0x01;
    private final CurveKeyPair server = CurveKeyPair.generate();
    private Context context;
    private PullSocket pull;
    private PushSocket good;
    private MonitorEvents events;
    private String endpoint;

    @BeforeEach
    void open() {
        context = Context.create();
        pull = context.createPull();
        pull.set(SocketOptions.CURVE_SERVER, true);
        pull.set(SocketOptions.CURVE_SECRET_KEY, server.secretKey());
        pull.set(SocketOptions.MAX_MESSAGE_SIZE, LIMIT);
        events = new MonitorEvents();
        pull.monitor(events);
        endpoint = pull.bind(Endpoints.tcp());
        good = context.createPush();
        good.set(SocketOptions.CURVE_SERVER_KEY, server.publicKey());
        good.set(SocketOptions.CURVE_SECRET_KEY, CurveKeyPair.generate().secretKey());
        good.connect(endpoint);
        good.send(Message.of(new byte[AT_LIMIT], new byte[AT_LIMIT], new byte[AT_LIMIT]));
        Message multipart = pull.receive(TIMEOUT).orElseThrow();
        assertEquals(3 * AT_LIMIT, multipart.byteCount(), "frames at the limit pass, whatever their sum");
    }

    @AfterEach
    void close() {
        context.close();
    }

    @ParameterizedTest(name = "MESSAGE in a {0} frame")
    @ValueSource(strings = {"data", "command"})
    void aFramePastTheLimitInAMultipartMessageClosesItsConnectionOnly(String carrier) throws Exception {
        try (RawCurve raw = RawCurve.connect(endpoint)) {
            raw.greet();
            raw.command("HELLO", raw.helloData(server.publicKey(), 1));
            raw.readWelcome(server.publicKey());
            raw.command("INITIATE", raw.initiateData(server.publicKey(), RawCurve.pushMetadata(), 2));
            raw.readFrame();
            send(raw, carrier, raw.messageBody(3, MORE, new byte[AT_LIMIT]));
            send(raw, carrier, raw.messageBody(4, MORE, new byte[AT_LIMIT]));
            send(raw, carrier, raw.messageBody(5, 0, RawCurve.ascii("end")));
            Message atLimit = pull.receive(TIMEOUT).orElseThrow();
            assertEquals(Arrays.asList(AT_LIMIT, AT_LIMIT, 3),
                    atLimit.frames().stream().map(Frame::size).toList(), "frames at the limit, sum above it");
            send(raw, carrier, raw.messageBody(6, MORE, RawCurve.ascii("small first")));
            send(raw, carrier, raw.messageBody(7, MORE, new byte[AT_LIMIT + 1]));
            assertTrue(raw.closedByPeer(), "the server kept the connection open");
        }
        MonitorEvent dropped = events.awaitEvent(MonitorEventType.DISCONNECTED, TIMEOUT);
        assertTrue(dropped.detail().contains("MESSAGE_TOO_LARGE")
                && dropped.detail().contains("more than MAX_MESSAGE_SIZE " + LIMIT), dropped.toString());
        assertFalse(pull.receive(Duration.ofMillis(200)).isPresent(), "part of the refused message was delivered");
        good.send(Message.of("good after"));
        assertEquals("good after", pull.receive(TIMEOUT).orElseThrow().string(0));
    }

    /** Sends a MESSAGE body as a data frame, or as a command frame (its name then comes from the command). */
    private static void send(RawCurve raw, String carrier, byte[] messageBody) throws Exception {
        if (carrier.equals("data")) {
            raw.frame(0, messageBody);
        } else {
            raw.command("MESSAGE", Arrays.copyOfRange(messageBody, 8, messageBody.length));
        }
    }
}
