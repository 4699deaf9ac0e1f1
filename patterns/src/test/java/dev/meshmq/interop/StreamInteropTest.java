package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.SocketOptions;
import dev.meshmq.StreamSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * STREAM against libzmq's STREAM (Debian's libzmq 4.3.4 through pyzmq, {@code stream_peer.py}), each
 * side binding once. STREAM is a stable libzmq socket type, so the Debian build has it.
 */
class StreamInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void meshmqConnectsToALibzmqStreamServer() throws Exception {
        Process peer = start("--bind", "tcp://127.0.0.1:*");
        try (Context context = Context.create(); BufferedReader out = reader(peer)) {
            String bound = out.readLine();
            assertTrue(bound != null && bound.startsWith("BOUND "), "peer said " + bound + "; " + stderr(peer));
            StreamSocket stream = context.createStream();
            stream.set(SocketOptions.CONNECT_ROUTING_ID, "py".getBytes(StandardCharsets.US_ASCII));
            Frame id = Frame.of("py");
            stream.connect(bound.substring("BOUND ".length()));
            assertEquals(Message.of(id, Frame.EMPTY), stream.receive(TIMEOUT).orElseThrow(), "connected");
            stream.send(Message.of(id, Frame.of("hello ")));
            stream.send(Message.of(id, Frame.of("bye")));
            assertEquals("HELLO BYE", text(stream, id, 9));
            assertEquals(Message.of(id, Frame.EMPTY), stream.receive(TIMEOUT).orElseThrow(), "libzmq closed it");
            assertEquals(List.of("CLOSED", "DONE"), rest(out));
        } finally {
            finish(peer);
        }
    }

    @Test
    void aLibzmqStreamClientConnectsToMeshmq() throws Exception {
        try (Context context = Context.create()) {
            StreamSocket stream = context.createStream();
            String endpoint = stream.bind("tcp://127.0.0.1:*");
            Process peer = start("--connect", endpoint);
            try (BufferedReader out = reader(peer)) {
                Message connected = stream.receive(TIMEOUT).orElseThrow();
                Frame id = connected.first();
                assertTrue(connected.frame(1).isEmpty());
                assertEquals("ping", text(stream, id, 4));
                stream.send(Message.of(id, Frame.of("PONG")));
                stream.send(Message.of(id, Frame.EMPTY));
                assertEquals(List.of("GOT PONG", "DISCONNECTED", "DONE"), rest(out));
            } finally {
                finish(peer);
            }
        }
    }

    private static String text(StreamSocket stream, Frame id, int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            Message message = stream.receive(TIMEOUT).orElseThrow(() -> new AssertionError("got only " + text));
            assertEquals(id, message.first());
            assertTrue(!message.frame(1).isEmpty(), "disconnected after " + text);
            text.append(message.frame(1).asString());
        }
        return text.toString();
    }

    private static Process start(String... args) throws IOException {
        PythonPeer.requireLibzmq();
        List<String> command = new ArrayList<>(List.of(PythonPeer.PYTHON, "-u", script().toString(), "--timeout",
                "5"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static BufferedReader reader(Process peer) {
        return new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
    }

    private static List<String> rest(BufferedReader out) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    private static void finish(Process peer) throws Exception {
        if (!peer.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            peer.destroyForcibly();
            throw new AssertionError("the libzmq STREAM peer did not finish");
        }
        assertEquals(0, peer.exitValue(), "libzmq STREAM peer failed: " + stderr(peer));
    }

    private static String stderr(Process peer) throws IOException {
        return peer.isAlive() ? "(running)" : new String(peer.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static synchronized Path script() throws IOException {
        try (InputStream in = StreamInteropTest.class.getResourceAsStream("/interop/stream_peer.py")) {
            if (in == null) {
                throw new IOException("test resource /interop/stream_peer.py is not on the classpath");
            }
            Path file = Files.createTempFile("stream_peer", ".py");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }
}
