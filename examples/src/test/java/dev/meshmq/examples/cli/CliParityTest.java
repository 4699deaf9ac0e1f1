package dev.meshmq.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.SocketOptions;
import dev.meshmq.SubSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The socket types {@code send} and {@code recv} gained (DEALER both ways, XPUB, XSUB), the
 * socket's own {@code --routing-id}, {@code --replies}, and the report of a PUB's drops.
 */
class CliParityTest {

    private static final Pattern DROPPED = Pattern.compile("(\\d+) message copies dropped");

    @Test
    void recvDealerWithARoutingIdIsAddressedByALibzmqRouter() {
        CliRun dealer = CliRun.start("recv", "--type", "DEALER", "--routing-id", "worker-7", "--bind",
                "tcp://127.0.0.1:*", "--count", "2", "--timeout-ms", "10000");
        LibzmqPeer router = LibzmqPeer.start("--type", "ROUTER", "--connect", dealer.awaitBound(), "--to", "worker-7",
                "--send", "job|1", "job|2");
        assertEquals(List.of(), router.finish());
        CliRun.Result received = dealer.finish();
        assertEquals(List.of("job\t1", "job\t2"), received.lines(), received.toString());
    }

    @Test
    void sendDealerPrintsRepliesFromALibzmqRouterThatKnowsItsRoutingId() {
        CliRun dealer = CliRun.start("send", "--type", "DEALER", "--routing-id", "d-1", "--bind", "tcp://127.0.0.1:*",
                "--replies", "2", "ping", "again");
        LibzmqPeer router = LibzmqPeer.start("--type", "ROUTER", "--connect", dealer.awaitBound(), "--recv", "2");
        assertEquals(List.of("d-1|ping", "d-1|again"), router.finish());
        CliRun.Result result = dealer.finish();
        assertEquals(0, result.status(), result.toString());
        assertEquals(List.of("ping", "again"), result.lines());
    }

    @Test
    void recvXsubSendsItsSubscriptionAndGetsOnlyItsTopic() {
        CliRun xsub = CliRun.start("recv", "--type", "XSUB", "--subscribe", "news", "--bind", "tcp://127.0.0.1:*",
                "--count", "1", "--timeout-ms", "10000");
        CliRun.Result pub = CliRun.run("send", "--type", "XPUB", "--connect", xsub.awaitBound(), "-s", "|",
                "sports|x", "news|y");
        assertEquals(0, pub.status(), pub.toString());
        assertEquals(List.of("news\ty"), xsub.finish().lines());
    }

    @Test
    void sendPubFailsNamingTheDropsWhenASubscriberStopsReading() {
        try (Context context = Context.create()) {
            SubSocket stuck = context.createSub();
            stuck.set(SocketOptions.RECEIVE_HWM, 1);
            stuck.subscribe("");
            String endpoint = stuck.bind("tcp://127.0.0.1:*");
            CliRun run = CliRun.start("send", "--type", "PUB", "--connect", endpoint, "--size", "1000",
                    "--count", "20000", "--timeout-ms", "2000");
            // the subscriber's owner meets the new peer (and subscribes) in this call, takes one message, then
            // never reads again: its queue of 1 and the kernel's buffers fill, and the PUB must drop
            assertTrue(stuck.receive(Duration.ofSeconds(10)).isPresent());
            CliRun.Result pub = run.finish();
            assertEquals(1, pub.status(), pub.toString());
            Matcher dropped = DROPPED.matcher(pub.err());
            assertTrue(dropped.find(), pub.toString());
            assertTrue(Long.parseLong(dropped.group(1)) > 0, pub.toString());
            assertEquals(1, pub.err().lines().count(), "one line on stderr: " + pub);
        }
    }

    @Test
    void sendPubWithAllowDropsReportsExactlyTheCopiesTheSubscriberMissed() throws Exception {
        int count = 200_000;
        try (Context context = Context.create()) {
            SubSocket sub = context.createSub();
            sub.subscribe("");
            String endpoint = sub.bind("tcp://127.0.0.1:*");
            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> {
                int got = 0;
                while (sub.receive(Duration.ofSeconds(3)).isPresent()) {
                    got++;
                }
                return got;
            });
            CliRun.Result pub = CliRun.run("send", "--type", "PUB", "--connect", endpoint, "--size", "100",
                    "--count", String.valueOf(count), "--allow-drops");
            assertEquals(0, pub.status(), pub.toString());
            int got = received.get();
            Matcher dropped = DROPPED.matcher(pub.err());
            long reported = dropped.find() ? Long.parseLong(dropped.group(1)) : 0;
            assertEquals(count - got, reported, "received " + got + "; " + pub);
        }
    }

    @Test
    void recvStreamPrintsARawTcpClientsConnectAndBytes() throws Exception {
        CliRun recv = CliRun.start("recv", "--type", "STREAM", "--bind", "tcp://127.0.0.1:*", "--count", "2",
                "--timeout-ms", "10000");
        String endpoint = recv.awaitBound();
        int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.getOutputStream().write("hi".getBytes(StandardCharsets.US_ASCII));
            CliRun.Result result = recv.finish();
            assertEquals(0, result.status(), result.toString());
            List<String> lines = result.lines();
            assertEquals(2, lines.size(), result.toString());
            assertTrue(lines.get(0).matches("00[0-9a-f]{8}\t?"), "the connect: " + lines.get(0));
            assertEquals(lines.get(0).trim() + "\thi", lines.get(1));
        }
    }

    @Test
    void sendStreamWritesRawBytesToATcpServerAndPrintsWhatComesBack() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun send = CliRun.start("send", "--type", "STREAM", "--connect",
                    "tcp://127.0.0.1:" + server.getLocalPort(), "--replies", "1", "PING");
            try (Socket accepted = server.accept()) {
                assertEquals("PING", new String(accepted.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
                accepted.getOutputStream().write("PONG".getBytes(StandardCharsets.US_ASCII));
                CliRun.Result result = send.finish();
                assertEquals(0, result.status(), result.toString());
                assertEquals(List.of("PONG"), result.lines());
            }
        }
        assertUsage(CliRun.run("send", "--type", "STREAM", "--bind", "tcp://127.0.0.1:*", "x"), "one --connect");
    }

    @Test
    void scatterFeedsGatherAndChannelsAnswerEachOther() {
        CliRun gather = CliRun.start("recv", "--type", "GATHER", "--bind", "tcp://127.0.0.1:*", "--count", "2",
                "--timeout-ms", "10000");
        CliRun.Result scatter = CliRun.run("send", "--type", "SCATTER", "--connect", gather.awaitBound(), "a", "b");
        assertEquals(0, scatter.status(), scatter.toString());
        assertEquals(List.of("a", "b"), gather.finish().lines());

        CliRun channel = CliRun.start("recv", "--type", "CHANNEL", "--bind", "tcp://127.0.0.1:*", "--count", "1",
                "--timeout-ms", "10000");
        CliRun.Result other = CliRun.run("send", "--type", "CHANNEL", "--connect", channel.awaitBound(), "hello");
        assertEquals(0, other.status(), other.toString());
        assertEquals(List.of("hello"), channel.finish().lines());
    }

    @Test
    void aRadioSendsToTheGroupsADishJoined() {
        for (String endpoint : List.of("tcp://127.0.0.1:*", "udp://127.0.0.1:*")) {
            CliRun dish = CliRun.start("recv", "--type", "DISH", "--join", "weather", "--join", "news", "--bind",
                    endpoint, "--count", "2", "--timeout-ms", "10000");
            String bound = dish.awaitBound();
            CliRun.Result sport = CliRun.run("send", "--type", "RADIO", "--group", "sport", "--subscribers", "0",
                    "--connect", bound, "goal");
            assertEquals(0, sport.status(), sport.toString());
            CliRun.Result radio = CliRun.run("send", "--type", "RADIO", "--group", "weather", "--connect", bound,
                    "sunny", "rain");
            assertEquals(0, radio.status(), radio.toString());
            assertEquals(List.of("weather\tsunny", "weather\train"), dish.finish().lines(), endpoint);
        }
        assertUsage(CliRun.run("recv", "--type", "DISH", "--bind", "tcp://127.0.0.1:*"), "give --join GROUP");
        assertUsage(CliRun.run("recv", "--type", "PULL", "--join", "g", "--bind", "tcp://127.0.0.1:*"),
                "--join is for DISH");
        assertUsage(CliRun.run("send", "--type", "PUSH", "--group", "g", "--connect", "tcp://127.0.0.1:1", "x"),
                "--group is for RADIO");
        assertUsage(CliRun.run("send", "--type", "RADIO", "--group", "g".repeat(256), "--connect",
                "tcp://127.0.0.1:1", "x"), "at most 255");
    }

    @Test
    void optionsThatDoNotFitTheTypeAreUsageErrors() {
        assertUsage(CliRun.run("send", "--type", "PUSH", "--replies", "1", "--connect", "tcp://127.0.0.1:1", "x"),
                "--replies is for DEALER");
        assertUsage(CliRun.run("send", "--type", "PUSH", "--routing-id", "a", "--connect", "tcp://127.0.0.1:1", "x"),
                "--routing-id is for REQ, REP, DEALER and ROUTER sockets, not PUSH");
        assertUsage(CliRun.run("send", "--type", "PUSH", "--allow-drops", "--connect", "tcp://127.0.0.1:1", "x"),
                "--allow-drops is for PUB, XPUB and RADIO");
        assertUsage(CliRun.run("recv", "--type", "DEALER", "--hex", "--routing-id", "00ab", "--connect",
                "tcp://127.0.0.1:1"), "must not start with a zero byte");
        assertUsage(CliRun.run("recv", "--type", "PULL", "--subscribe", "x", "--connect", "tcp://127.0.0.1:1"),
                "--subscribe is for SUB and XSUB");
    }

    private static void assertUsage(CliRun.Result result, String text) {
        assertEquals(2, result.status(), result.toString());
        assertTrue(result.err().contains(text), result.toString());
    }
}
