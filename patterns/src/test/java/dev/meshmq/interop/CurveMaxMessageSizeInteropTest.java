package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.CurveKeyPair;
import dev.meshmq.Message;
import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.MonitorEvents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MAX_MESSAGE_SIZE under CURVE against libzmq 4.3.4 (pyzmq), both ways, with a limit of 1,000: libzmq
 * holds each MESSAGE box to it, 33 bytes more than the frame inside, so a 967-byte frame passes and a
 * 968-byte one closes the connection. MeshMQ as server does the same to a libzmq client, and a libzmq
 * server treats MeshMQ's boxes as it treats its own (the box sizes agree).
 */
class CurveMaxMessageSizeInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long LIMIT = 1000;
    private static final int AT_LIMIT = 967;
    private static Path script;

    private static final Map<Process, Path> ERRORS = new ConcurrentHashMap<>();

    @BeforeAll
    static void requirePeer() throws IOException {
        PythonPeer.requireLibzmq();
        script = PythonPeer.extractResource("/interop/curve_maxmsgsize_peer.py");
    }

    @Test
    void aMeshMqServerTakesWhatLibzmqWouldFromALibzmqClient() throws Exception {
        CurveKeyPair server = CurveKeyPair.generate();
        try (Context context = Context.create()) {
            PullSocket pull = context.createPull();
            pull.set(SocketOptions.CURVE_SERVER, true);
            pull.set(SocketOptions.CURVE_SECRET_KEY, server.secretKey());
            pull.set(SocketOptions.MAX_MESSAGE_SIZE, LIMIT);
            MonitorEvents events = new MonitorEvents();
            pull.monitor(events);
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            // key=value: a Z85 key may begin with '-', which argparse would read as an option
            Process peer = start("--role", "client", "--endpoint", endpoint,
                    "--server-public=" + server.publicKeyZ85(), "--size", Integer.toString(AT_LIMIT),
                    "--size", Integer.toString(AT_LIMIT + 1));
            try {
                assertEquals(AT_LIMIT, pull.receive(TIMEOUT).orElseThrow().byteCount());
                MonitorEvent dropped = events.awaitEvent(MonitorEventType.DISCONNECTED, TIMEOUT);
                assertTrue(dropped.detail().contains("MESSAGE_TOO_LARGE"), dropped.toString());
                assertFalse(pull.receive(Duration.ofMillis(300)).isPresent(), "the 968-byte frame was delivered");
            } finally {
                peer.destroy();
            }
        }
    }

    @Test
    void aLibzmqServerTakesMeshMqBoxesAsItTakesItsOwn() throws Exception {
        CurveKeyPair server = CurveKeyPair.generate();
        Process peer = start("--role", "server", "--endpoint", "tcp://127.0.0.1:*",
                "--server-public=" + server.publicKeyZ85(), "--server-secret=" + server.secretKeyZ85(),
                "--maxmsgsize", Long.toString(LIMIT));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(peer.getInputStream(),
                StandardCharsets.UTF_8)); Context context = Context.create()) {
            String bound = lines.readLine();
            if (bound == null) {
                peer.waitFor(10, TimeUnit.SECONDS);
            }
            assertTrue(bound != null && bound.startsWith("BOUND "), "the libzmq server said " + bound
                    + (bound == null ? " and ended (exit " + peer.exitValue() + "): " + errorsOf(peer) : ""));
            PushSocket push = context.createPush();
            push.set(SocketOptions.CURVE_SERVER_KEY, server.publicKey());
            push.set(SocketOptions.CURVE_SECRET_KEY, CurveKeyPair.generate().secretKey());
            MonitorEvents events = new MonitorEvents();
            push.monitor(events);
            push.connect(bound.substring("BOUND ".length()));
            push.send(Message.of(new byte[AT_LIMIT]));
            push.send(Message.of(new byte[AT_LIMIT + 1]));
            events.awaitEvent(MonitorEventType.DISCONNECTED, TIMEOUT);
            events.awaitCount(MonitorEventType.HANDSHAKE_SUCCEEDED, 2, TIMEOUT);
            push.send(Message.of("after"));
            List<String> got = new ArrayList<>();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                got.add(line);
            }
            assertEquals(List.of("GOT " + AT_LIMIT, "GOT 5"), got, "libzmq dropped the connection at 968 bytes");
        } finally {
            peer.destroy();
            assertTrue(peer.waitFor(10, TimeUnit.SECONDS));
        }
    }

    private static Process start(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(PythonPeer.PYTHON, "-u", script.toString()));
        command.addAll(List.of(arguments));
        Path errors = Files.createTempFile("curve-maxmsgsize-peer", ".err");
        errors.toFile().deleteOnExit();
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        ERRORS.put(process, errors);
        return process;
    }

    private static String errorsOf(Process process) throws IOException {
        return Files.readString(ERRORS.get(process));
    }
}
