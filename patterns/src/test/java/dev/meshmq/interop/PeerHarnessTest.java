package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Message;
import dev.meshmq.interop.InteropScenario.Payload;
import dev.meshmq.interop.InteropScenario.PeerLauncher;
import dev.meshmq.testsupport.Endpoints;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Checks the interop harness itself, without MeshMQ: the libzmq and JeroMQ peers talk to each other
 * (and to themselves) through the same line protocol the interop tests rely on, and a failing or
 * stuck peer is reported instead of hanging the suite.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PeerHarnessTest {

    private static final Duration STEP = InteropScenario.STEP;

    @BeforeAll
    static void requirePeer() {
        PythonPeer.requireLibzmq();
    }

    static Stream<Arguments> pairs() {
        PeerLauncher python = PythonPeer::start;
        PeerLauncher jeromq = JeromqPeer::start;
        return Stream.of(
                Arguments.of("libzmq binds, libzmq connects", python, python, "tcp", Payload.MULTIPART),
                Arguments.of("libzmq binds, libzmq connects", python, python, "ipc", Payload.ONE_MEBIBYTE),
                Arguments.of("libzmq binds, JeroMQ connects", python, jeromq, "tcp", Payload.ZERO_BYTES),
                Arguments.of("JeroMQ binds, libzmq connects", jeromq, python, "tcp", Payload.ONE_MEBIBYTE),
                Arguments.of("JeroMQ binds, JeroMQ connects", jeromq, jeromq, "tcp", Payload.SINGLE_PART));
    }

    @ParameterizedTest(name = "{0} over {3}: {4}")
    @MethodSource("pairs")
    void pushToPullBetweenPeers(String name, PeerLauncher binder, PeerLauncher connector, String transport,
            Payload payload) {
        JeromqPeer.retryingConnectStalls(() -> pushToPull(binder, connector, transport, payload));
    }

    private static void pushToPull(PeerLauncher binder, PeerLauncher connector, String transport, Payload payload) {
        List<String> tokens = payload.tokens();
        String endpoint = "ipc".equals(transport) ? Endpoints.ipc() : Endpoints.tcp();
        try (InteropPeer pull = binder.start(new PeerSpec("PULL", true, endpoint, PeerRole.RECEIVE, tokens))) {
            String bound = pull.awaitPrefix("BOUND ", STEP);
            assertTrue(bound.startsWith(transport + "://"), bound);
            assertFalse(bound.endsWith(":*"), "the wildcard port is resolved: " + bound);
            try (InteropPeer push = connector.start(new PeerSpec("PUSH", false, bound, PeerRole.SEND, tokens))) {
                for (String token : tokens) {
                    assertEquals(PeerFormat.line(token), pull.awaitLine(STEP), pull::diagnostics);
                }
                pull.awaitDone(STEP);
                push.awaitDone(STEP);
            }
        } finally {
            Endpoints.deleteIpcFile(endpoint);
        }
    }

    @Test
    void libzmqPeerEchoesWhatItReceives() {
        JeromqPeer.retryingConnectStalls(PeerHarnessTest::echoThroughLibzmq);
    }

    private static void echoThroughLibzmq() {
        List<String> tokens = Payload.MULTIPART.tokens();
        try (InteropPeer echo = PythonPeer.start(new PeerSpec("PAIR", true, Endpoints.tcp(), PeerRole.ECHO, tokens));
                ZMQ.Context context = ZMQ.context(1);
                ZMQ.Socket pair = context.socket(SocketType.PAIR)) {
            pair.setReceiveTimeOut(JeromqPeer.STEP_TIMEOUT_MILLIS);
            pair.setLinger(0);
            pair.connect(echo.awaitPrefix("BOUND ", STEP));
            for (String token : tokens) {
                Message message = PeerFormat.parse(token);
                for (int i = 0; i < message.size(); i++) {
                    pair.send(message.frame(i).toByteArray(), i < message.size() - 1 ? ZMQ.SNDMORE : 0);
                }
                assertEquals(PeerFormat.line(token), echo.awaitLine(STEP));
                for (int i = 0; i < message.size(); i++) {
                    assertArrayEquals(message.frame(i).toByteArray(), pair.recv(), "echoed frame " + i);
                    assertEquals(i < message.size() - 1, pair.hasReceiveMore());
                }
            }
            echo.awaitDone(STEP);
        }
    }

    @Test
    void failingLibzmqPeerIsReportedNotAwaited() {
        PeerSpec impossible = new PeerSpec("PULL", false, "tcp://127.0.0.1:*", PeerRole.RECEIVE, List.of(""));
        try (InteropPeer peer = PythonPeer.start(impossible)) {
            assertNotEquals(0, peer.awaitExit(STEP));
            AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> peer.awaitLine(STEP));
            assertTrue(failure.getMessage().contains("ended its output"), failure.getMessage());
            assertTrue(failure.getMessage().contains("exit status"), failure.getMessage());
        }
    }

    @Test
    void stuckJeromqPeerIsStoppedByClose() {
        PeerSpec waiting = new PeerSpec("PULL", true, Endpoints.tcp(), PeerRole.RECEIVE, List.of(""));
        InteropPeer peer = JeromqPeer.start(waiting);
        peer.awaitPrefix("BOUND ", STEP);
        assertTimeoutPreemptively(Duration.ofSeconds(5), peer::close, "close ends a blocked receive at once");
        assertEquals(1, peer.awaitExit(Duration.ofSeconds(1)), peer::diagnostics);
    }

    @Test
    void tokensAndLinesAgreeWithTheScript() {
        Message message = PeerFormat.parse("6869::" + PeerFormat.generatedToken(300, 3));
        assertEquals(3, message.size());
        assertEquals("hi", message.string(0));
        assertTrue(message.frame(1).isEmpty());
        assertEquals(3, message.frame(2).byteAt(0));
        assertEquals(0, message.frame(2).byteAt(248));
        assertTrue(PeerFormat.line(message).startsWith("MSG 6869::sha256="), PeerFormat.line(message));
        assertEquals("MSG ", PeerFormat.line(""));
        assertEquals("MSG sha256=7b6ffdddc36c3dbc3c667902a04f8a6a490ce3ea067de143fb4a6599dab9028d/1048576",
                PeerFormat.line(PeerFormat.generatedToken(1 << 20, 3)), "the digest zmq_peer.py printed");
    }

    @Test
    void ipcPathsAreShortAndUnique() {
        String first = Endpoints.ipc();
        String second = Endpoints.ipc();
        assertNotEquals(first, second);
        assertTrue(first.length() - "ipc://".length() <= Endpoints.MAX_IPC_PATH_BYTES, first);
    }
}
