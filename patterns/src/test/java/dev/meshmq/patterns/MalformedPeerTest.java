package dev.meshmq.patterns;

import static dev.meshmq.testsupport.RawZmtpPeer.FLAG_COMMAND;
import static dev.meshmq.testsupport.RawZmtpPeer.FLAG_MORE;
import static dev.meshmq.testsupport.RawZmtpPeer.command;
import static dev.meshmq.testsupport.RawZmtpPeer.commandBody;
import static dev.meshmq.testsupport.RawZmtpPeer.concat;
import static dev.meshmq.testsupport.RawZmtpPeer.frame;
import static dev.meshmq.testsupport.RawZmtpPeer.greeting;
import static dev.meshmq.testsupport.RawZmtpPeer.longFrameHeader;
import static dev.meshmq.testsupport.RawZmtpPeer.message;
import static dev.meshmq.testsupport.RawZmtpPeer.nullGreeting;
import static dev.meshmq.testsupport.RawZmtpPeer.ready;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.RawZmtpPeer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input of every kind closes that one connection and nothing else: no exception escapes the
 * I/O thread, no buffer of a claimed size is allocated up front, and the other connections of the same
 * socket keep flowing. The misbehaving peer is {@link RawZmtpPeer}; a positive control proves it speaks
 * valid ZMTP when asked to, so that the negative cases mean something.
 */
class MalformedPeerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
    /** Far below any claimed size a test uses, far above what handling a few small frames needs. */
    private static final long ALLOCATION_BUDGET = 64L * 1024 * 1024;
    /** Kept strongly reachable so that the handler stays attached. */
    private static final Logger MESH_LOGGER = Logger.getLogger("dev.meshmq");

    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private final List<LogRecord> severeLogs = new CopyOnWriteArrayList<>();
    private final Handler severeRecorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severeLogs.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Thread.UncaughtExceptionHandler previousHandler;
    private Context context;
    private List<Long> ioThreadIds;
    private PullSocket pull;
    private PushSocket goodPush;
    private String endpoint;

    @BeforeEach
    void open() {
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> uncaught.add(failure));
        MESH_LOGGER.addHandler(severeRecorder);
        Set<Long> before = ioThreadIds();
        context = Context.create();
        ioThreadIds = ioThreadIds().stream().filter(id -> !before.contains(id)).collect(Collectors.toList());
        assertFalse(ioThreadIds.isEmpty(), "cannot find the context's I/O thread");
    }

    @AfterEach
    void close() {
        try {
            context.close();
        } finally {
            MESH_LOGGER.removeHandler(severeRecorder);
            Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        }
        assertEquals(List.of(), uncaught, "exceptions escaped a thread");
        assertEquals(List.of(), severeLogs.stream().map(MalformedPeerTest::describe).collect(Collectors.toList()),
                "MeshMQ logged errors (an exception reached the I/O thread's last-resort handler)");
    }

    // ---- positive control: the raw peer speaks valid ZMTP when asked to ----

    @ParameterizedTest(name = "ZMTP {0}.{1} peer")
    @CsvSource({"3, 1", "3, 0", "4, 0"})
    void wellBehavedRawPeerIsServed(int major, int minor) throws IOException {
        startPullWithGoodPush(socket -> { });
        try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
            raw.send(concat(greeting(major, minor, "NULL"), ready("PUSH")), TIMEOUT);
            assertServerGreetsAsPull(raw);
            raw.send(concat(message("raw-1"), message("raw-2a", "raw-2b")), TIMEOUT);
            Message first = pull.receive(TIMEOUT).orElseThrow();
            assertEquals(1, first.size());
            assertEquals("raw-1", first.string(0));
            Message second = pull.receive(TIMEOUT).orElseThrow();
            assertEquals(2, second.size());
            assertEquals("raw-2a", second.string(0));
            assertEquals("raw-2b", second.string(1));
            byte[] ping = command("PING", new byte[] {0, 0, 'c', 't', 'x'});
            raw.send(ping, TIMEOUT);
            assertArrayEquals(concat(new byte[] {FLAG_COMMAND}, commandBody("PONG", bytes("ctx"))),
                    raw.receiveFrame(TIMEOUT), "PONG echoing the PING context");
            assertSocketStillServes();
            assertFalse(raw.isClosedByServer(), "a well-behaved peer was disconnected");
        }
    }

    static Stream<Arguments> acceptableReadyCommands() {
        return Stream.of(
                named("READY without properties (libzmq accepts it)", command("READY", new byte[0])),
                named("READY with lower-case socket-type", command("READY", property("socket-type", "PUSH"))),
                named("READY with Identity and an X- property",
                        command("READY", concat(property("Socket-Type", "PUSH"), property("Identity", ""),
                                property("X-Custom", "value")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptableReadyCommands")
    void unusualButValidReadyIsAccepted(byte[] readyFrame) throws IOException {
        startPullWithGoodPush(socket -> { });
        try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
            raw.send(concat(nullGreeting(), readyFrame, message("raw")), TIMEOUT);
            assertEquals("raw", pull.receive(TIMEOUT).orElseThrow().string(0));
            assertFalse(raw.isClosedByServer(), "a valid peer was disconnected");
        }
        assertSocketStillServes();
    }

    private static void assertServerGreetsAsPull(RawZmtpPeer raw) throws IOException {
        byte[] greeting = raw.receive(RawZmtpPeer.GREETING_SIZE, TIMEOUT);
        assertEquals(0xFF, greeting[0] & 0xFF, "signature start");
        assertEquals(1, greeting[9] & 0x01, "signature end bit 0");
        assertEquals(3, greeting[10], "major version");
        assertEquals("NULL", new String(greeting, 12, 4, StandardCharsets.US_ASCII));
        assertEquals(0, greeting[16], "mechanism NUL padding");
        byte[] readyFrame = raw.receiveFrame(TIMEOUT);
        assertEquals(FLAG_COMMAND, readyFrame[0], "READY is a short command frame");
        byte[] expectedBody = concat(new byte[] {5}, bytes("READY"), new byte[] {11}, bytes("Socket-Type"),
                new byte[] {0, 0, 0, 4}, bytes("PULL"));
        assertArrayEquals(expectedBody, Arrays.copyOfRange(readyFrame, 1, readyFrame.length));
    }

    // ---- malformed input closes that connection only ----

    static Stream<Arguments> malformedInput() {
        byte[] greeting = nullGreeting();
        byte[] handshake = concat(greeting, ready("PUSH"));
        return Stream.of(
                named("first byte 0x00 instead of 0xFF", withByte(greeting, 0, 0x00)),
                named("ZMTP 1.0 identity frame 01 00", new byte[] {0x01, 0x00}),
                named("ZMTP 1.0 style: byte 9 bit 0 clear", withByte(greeting, 9, 0x7E)),
                named("ZMTP 2.0 greeting (revision 1)", withByte(greeting, 10, 1)),
                named("major version 2", greeting(2, 0, "NULL")),
                named("mechanism PLAIN", greeting(3, 1, "PLAIN")),
                named("mechanism CURVE", greeting(3, 1, "CURVE")),
                named("illegal mechanism characters", greeting(3, 1, "null")),
                named("message frame before READY", concat(greeting, message("sneaky"))),
                named("other command instead of READY", concat(greeting, command("HELLO", new byte[0]))),
                named("READY with the MORE flag",
                        concat(greeting, withByte(ready("PUSH"), 0, FLAG_COMMAND | FLAG_MORE))),
                named("READY Socket-Type PUB to a PULL", concat(greeting, ready("PUB"))),
                named("READY Socket-Type PULL to a PULL", concat(greeting, ready("PULL"))),
                named("READY unknown Socket-Type", concat(greeting, ready("BANANA"))),
                named("READY property value-len 2^31-1 past the body", concat(greeting, command("READY",
                        concat(new byte[] {1}, bytes("X"), new byte[] {0x7F, -1, -1, -1}, bytes("v"))))),
                named("command name-len past the body", concat(greeting, new byte[] {FLAG_COMMAND, 2, 9, 'R'})),
                named("empty command frame", concat(handshake, new byte[] {FLAG_COMMAND, 0})),
                named("command frame with MORE flag", concat(handshake,
                        frame(FLAG_COMMAND | FLAG_MORE, commandBody("PING", new byte[] {0, 0})))),
                named("long frame claiming 2^62 bytes", concat(handshake, longFrameHeader(0, 1L << 62), bytes("x"))),
                named("long frame claiming 2^64-1 bytes", concat(handshake, longFrameHeader(0, -1L), bytes("x"))),
                named("long command claiming 2^62 bytes",
                        concat(handshake, longFrameHeader(FLAG_COMMAND, 1L << 62), bytes("x"))),
                named("2^62-byte frame during the handshake", concat(greeting, longFrameHeader(0, 1L << 62))),
                named("long command claiming 2^31-17 bytes",
                        concat(handshake, longFrameHeader(FLAG_COMMAND, Integer.MAX_VALUE - 16), bytes("x"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedInput")
    void malformedInputClosesThatConnectionOnly(byte[] input) throws IOException {
        startPullWithGoodPush(socket -> { });
        long allocatedBefore = ioThreadAllocatedBytes();
        try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
            raw.sendUntilClosed(input, TIMEOUT);
            assertDroppedByServer(raw);
        }
        assertAllocatedLittle(allocatedBefore);
        assertSocketStillServes();
    }

    /** What a garbage-sending peer sends before its 1 MiB of random bytes. */
    enum GarbagePrefix {
        NOTHING(new byte[0]),
        SIGNATURE(Arrays.copyOf(nullGreeting(), 10)),
        HANDSHAKE(concat(nullGreeting(), ready("PUSH")));

        private final byte[] bytes;

        GarbagePrefix(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    @ParameterizedTest(name = "seed {0} after {1}")
    @CsvSource({"1, NOTHING", "2, NOTHING", "3, NOTHING", "4, SIGNATURE", "5, SIGNATURE", "6, HANDSHAKE",
        "7, HANDSHAKE", "8, HANDSHAKE"})
    void randomGarbageClosesThatConnectionOnly(long seed, GarbagePrefix prefix) throws IOException {
        startPullWithGoodPush(socket -> { });
        long allocatedBefore = ioThreadAllocatedBytes();
        try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
            raw.sendUntilClosed(concat(prefix.bytes, randomBytes(seed, 1 << 20)), TIMEOUT);
            assertDroppedByServer(raw);
        }
        assertAllocatedLittle(allocatedBefore);
        // after a valid handshake, random bytes may happen to form valid message frames before the
        // first violation; those were validly sent and may be delivered: drain them
        if (prefix == GarbagePrefix.HANDSHAKE) {
            int drained = 0;
            while (pull.tryReceive().isPresent()) {
                drained++;
            }
            assertTrue(drained < 1 << 20, "drained " + drained + " messages");
        }
        assertSocketStillServes();
    }

    @Test
    void reservedFlagBitsAreIgnoredAsLibzmqDoes() throws IOException {
        startPullWithGoodPush(socket -> { });
        try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
            raw.send(concat(nullGreeting(), ready("PUSH"), frame(0x08, bytes("reserved"))), TIMEOUT);
            assertEquals("reserved", pull.receive(TIMEOUT).orElseThrow().string(0));
            assertFalse(raw.isClosedByServer());
        }
        assertSocketStillServes();
    }

    // ---- MAX_MESSAGE_SIZE ----

    static Stream<Arguments> oversizeMessages() {
        return Stream.of(
                named("one 2000-byte frame", message(new byte[2000])),
                named("one 1025-byte frame", message(new byte[1025])),
                named("a small frame, then one of 1025 bytes", message(new byte[10], new byte[1025])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversizeMessages")
    void messageAboveMaxMessageSizeDisconnectsThatPeer(byte[] oversize) throws IOException {
        startPullWithGoodPush(socket -> socket.set(SocketOptions.MAX_MESSAGE_SIZE, 1024L));
        try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
            raw.send(concat(nullGreeting(), ready("PUSH"), message(new byte[1000], new byte[24])), TIMEOUT);
            Message atLimit = pull.receive(TIMEOUT).orElseThrow();
            assertEquals(1024, atLimit.byteCount(), "a message of exactly MAX_MESSAGE_SIZE is delivered");
            raw.send(message(new byte[1024], new byte[1024], new byte[600]), TIMEOUT);
            Message perFrame = pull.receive(TIMEOUT).orElseThrow();
            assertEquals(2648, perFrame.byteCount(), "the limit applies to each frame, as in libzmq, not the sum");
            raw.sendUntilClosed(oversize, TIMEOUT);
            assertDroppedByServer(raw);
        }
        assertSocketStillServes();
    }

    // ---- truncated input ----

    static Stream<Arguments> truncatedInput() {
        byte[] handshake = concat(nullGreeting(), ready("PUSH"));
        return Stream.of(
                named("cut inside the greeting", Arrays.copyOf(nullGreeting(), 30)),
                named("cut inside a short frame body", concat(handshake, new byte[] {0, 10}, bytes("hel"))),
                named("cut inside a long size", concat(handshake, new byte[] {RawZmtpPeer.FLAG_LONG, 0, 0, 0})),
                named("multipart message cut in its second frame",
                        concat(handshake, frame(FLAG_MORE, bytes("first")), new byte[] {0, 10}, bytes("sec"))),
                named("cut inside READY", Arrays.copyOf(handshake, handshake.length - 3)),
                named("long frame claiming 2^31-17 bytes, 100 KiB sent",
                        concat(handshake, longFrameHeader(0, Integer.MAX_VALUE - 16), new byte[100 * 1024])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("truncatedInput")
    void truncatedInputThenCloseDeliversNothing(byte[] input) throws IOException {
        startPullWithGoodPush(socket -> { });
        long allocatedBefore = ioThreadAllocatedBytes();
        try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
            raw.send(input, TIMEOUT);
            assertDelivered(goodPush, "good-while-truncated-peer-waits");
            assertAllocatedLittle(allocatedBefore);
            raw.shutdownOutput();
            assertDroppedByServer(raw);
        }
        assertSocketStillServes();
    }

    // ---- port scanners and silent peers ----

    @Test
    void connectAndCloseRepeatedlyDoesNoHarm() throws IOException {
        startPullWithGoodPush(socket -> { });
        for (int i = 0; i < 50; i++) {
            try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
                if (i % 2 == 0) {
                    raw.resetOnClose();
                }
            }
        }
        assertSocketStillServes();
    }

    static Stream<Arguments> stalledHandshakes() {
        return Stream.of(
                named("sends nothing", new byte[0]),
                named("sends 10 bytes of the greeting", Arrays.copyOf(nullGreeting(), 10)),
                named("sends the greeting but no READY", nullGreeting()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stalledHandshakes")
    void peerThatStallsTheHandshakeIsDroppedAfterHandshakeInterval(byte[] partial) throws IOException {
        startPullWithGoodPush(socket -> socket.set(SocketOptions.HANDSHAKE_INTERVAL, Duration.ofMillis(300)));
        long start = System.nanoTime();
        try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
            raw.send(partial, TIMEOUT);
            assertDelivered(goodPush, "good-while-silent-peer-waits");
            assertTrue(raw.awaitClosedByServer(Duration.ofSeconds(2)),
                    "a peer that never finishes the handshake was not dropped within 2 s (HANDSHAKE_INTERVAL 300 ms)");
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis >= 250, "dropped after " + elapsedMillis + " ms, before HANDSHAKE_INTERVAL");
        assertSocketStillServes();
    }

    @Test
    void peerThatDribblesTheGreetingIsDroppedAfterHandshakeInterval() throws IOException {
        startPullWithGoodPush(socket -> socket.set(SocketOptions.HANDSHAKE_INTERVAL, Duration.ofMillis(300)));
        long start = System.nanoTime();
        byte[] greeting = nullGreeting();
        try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
            boolean closed = false;
            for (int i = 0; i < greeting.length && !closed; i++) {
                raw.sendUntilClosed(new byte[] {greeting[i]}, TIMEOUT);
                closed = raw.awaitClosedByServer(Duration.ofMillis(50));
            }
            assertTrue(closed, "a peer sending one greeting byte every 50 ms outlived HANDSHAKE_INTERVAL 300 ms");
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis < 2000, "dropped only after " + elapsedMillis + " ms");
        assertSocketStillServes();
    }

    // ---- all of it against one socket, then a brand-new peer ----

    @Test
    void ioThreadSurvivesEveryKindOfAbuseInOneContext() throws IOException {
        startPullWithGoodPush(socket -> socket.set(SocketOptions.MAX_MESSAGE_SIZE, 1024L));
        List<byte[]> inputs = Stream.concat(malformedInput().map(MalformedPeerTest::payload),
                oversizeMessages().map(MalformedPeerTest::payload).map(m -> concat(nullGreeting(), ready("PUSH"), m)))
                .collect(Collectors.toList());
        for (byte[] input : inputs) {
            try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
                raw.sendUntilClosed(input, TIMEOUT);
                assertDroppedByServer(raw);
            }
        }
        try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
            raw.sendUntilClosed(randomBytes(4, 1 << 20), TIMEOUT);
            assertDroppedByServer(raw);
        }
        for (int i = 0; i < 50; i++) {
            RawZmtpPeer.connect(endpoint, TIMEOUT).close();
        }
        assertSocketStillServes();
    }

    // ---- helpers ----

    private void startPullWithGoodPush(Consumer<PullSocket> configure) {
        pull = context.createPull();
        configure.accept(pull);
        endpoint = pull.bind("tcp://127.0.0.1:*");
        goodPush = context.createPush();
        goodPush.connect(endpoint);
        assertDelivered(goodPush, "good-before");
    }

    private void assertDelivered(PushSocket push, String text) {
        assertTrue(push.send(Message.of(text), TIMEOUT), "send of '" + text + "' timed out");
        Message received = pull.receive(TIMEOUT).orElseThrow(() -> new AssertionError("'" + text + "' not received"));
        assertEquals(text, received.string(0));
        assertEquals(1, received.size());
    }

    /** The good PUSH still delivers, a brand-new PUSH connects and delivers, and nothing else arrived. */
    private void assertSocketStillServes() {
        assertDelivered(goodPush, "good-after");
        try (PushSocket freshPush = context.createPush()) {
            freshPush.connect(endpoint);
            assertDelivered(freshPush, "fresh-after");
        }
        assertFalse(pull.tryReceive().isPresent(), "the PULL received something nobody validly sent");
    }

    private static void assertDroppedByServer(RawZmtpPeer raw) throws IOException {
        assertTrue(raw.awaitClosedByServer(CLOSE_TIMEOUT),
                "MeshMQ kept the misbehaving connection open for " + CLOSE_TIMEOUT.toMillis() + " ms");
    }

    private void assertAllocatedLittle(long allocatedBefore) {
        long allocated = ioThreadAllocatedBytes() - allocatedBefore;
        assertTrue(allocated < ALLOCATION_BUDGET, "the I/O thread allocated " + allocated + " bytes");
    }

    private long ioThreadAllocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long id : ioThreadIds) {
            total += Math.max(0, threads.getThreadAllocatedBytes(id));
        }
        return total;
    }

    private static Set<Long> ioThreadIds() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("meshmq-io-"))
                .map(Thread::getId)
                .collect(Collectors.toSet());
    }

    private static Arguments named(String name, byte[] bytes) {
        return Arguments.of(Named.of(name, bytes));
    }

    private static byte[] payload(Arguments arguments) {
        @SuppressWarnings("unchecked")
        Named<byte[]> named = (Named<byte[]>) arguments.get()[0];
        return named.getPayload();
    }

    /** A READY property: name-len(1) name value-len(4, big-endian) value. */
    private static byte[] property(String name, String value) {
        byte[] valueBytes = bytes(value);
        int length = valueBytes.length;
        return concat(new byte[] {(byte) name.length()}, bytes(name),
                new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length},
                valueBytes);
    }

    private static byte[] withByte(byte[] bytes, int index, int value) {
        byte[] copy = bytes.clone();
        copy[index] = (byte) value;
        return copy;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] randomBytes(long seed, int count) {
        byte[] bytes = new byte[count];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String describe(LogRecord record) {
        Throwable thrown = record.getThrown();
        return record.getLoggerName() + ": " + record.getMessage() + (thrown == null ? "" : " " + thrown);
    }
}
