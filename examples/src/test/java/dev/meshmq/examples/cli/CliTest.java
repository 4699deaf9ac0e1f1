package dev.meshmq.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    @TempDir
    Path directory;

    @Test
    void sendToRecvOverTcpCarriesMultipartMessagesFromArguments() {
        CliRun recv = CliRun.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:*", "--count", "3",
                "--timeout-ms", "10000");
        String endpoint = recv.awaitBound();
        CliRun.Result send = CliRun.run("send", "--type", "PUSH", "--connect", endpoint, "--separator", "|",
                "a|b", "hello", "x||z");
        assertEquals(0, send.status(), send.toString());
        CliRun.Result received = recv.finish();
        assertEquals(0, received.status(), received.toString());
        assertEquals(List.of("a\tb", "hello", "x\t\tz"), received.lines());
    }

    @Test
    void sendReadsStandardInputOneMessagePerLine() {
        String endpoint = "ipc://" + directory.resolve("stdin.sock");
        CliRun recv = CliRun.start("recv", "--type", "PAIR", "--bind", endpoint, "--count", "2",
                "--timeout-ms", "10000");
        recv.awaitBound();
        CliRun.Result send = CliRun.withInput("first|1\nsecond|2\n", "send", "--type", "PAIR", "--connect", endpoint,
                "-s", "|").finish();
        assertEquals(0, send.status(), send.toString());
        assertEquals(List.of("first\t1", "second\t2"), recv.finish().lines());
    }

    @Test
    void generatedPayloadsArePrintedInHex() {
        CliRun recv = CliRun.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:*", "--count", "2", "--hex",
                "--timeout-ms", "10000");
        String endpoint = recv.awaitBound();
        CliRun.Result send = CliRun.run("send", "--type", "PUSH", "--connect", endpoint, "--size", "3", "--count", "2");
        assertEquals(0, send.status(), send.toString());
        assertEquals(List.of("616263", "626364"), recv.finish().lines());
    }

    @Test
    void reqGetsEchoesFromRepAndPrintsThem() {
        CliRun rep = CliRun.start("recv", "--type", "REP", "--bind", "tcp://127.0.0.1:*", "--count", "2",
                "--timeout-ms", "10000");
        String endpoint = rep.awaitBound();
        CliRun.Result req = CliRun.run("send", "--type", "REQ", "--connect", endpoint, "ping", "again");
        assertEquals(0, req.status(), req.toString());
        assertEquals(List.of("ping", "again"), req.lines());
        assertEquals(List.of("ping", "again"), rep.finish().lines());
    }

    @Test
    void repRepliesWithAFixedStringWhenAsked() {
        CliRun rep = CliRun.start("recv", "--type", "REP", "--bind", "tcp://127.0.0.1:*", "--count", "1",
                "--reply", "pong", "--timeout-ms", "10000");
        CliRun.Result req = CliRun.run("send", "--type", "REQ", "--connect", rep.awaitBound(), "ping");
        assertEquals(List.of("pong"), req.lines(), req.toString());
        assertEquals(0, rep.finish().status());
    }

    @Test
    void subReceivesOnlyItsTopicsFromPub() {
        CliRun sub = CliRun.start("recv", "--type", "SUB", "--bind", "tcp://127.0.0.1:*", "--subscribe", "weather",
                "--count", "2", "--timeout-ms", "10000");
        CliRun.Result pub = CliRun.run("send", "--type", "PUB", "--connect", sub.awaitBound(), "--separator", "|",
                "sports|goal", "weather|rain", "weather|sun");
        assertEquals(0, pub.status(), pub.toString());
        assertEquals(List.of("weather\train", "weather\tsun"), sub.finish().lines());
    }

    @Test
    void routerPrintsTheRoutingIdInHexAndDealerSends() {
        CliRun router = CliRun.start("recv", "--type", "ROUTER", "--bind", "tcp://127.0.0.1:*", "--count", "1",
                "--timeout-ms", "10000");
        CliRun.Result dealer = CliRun.run("send", "--type", "DEALER", "--connect", router.awaitBound(), "-s", "|",
                "job|42");
        assertEquals(0, dealer.status(), dealer.toString());
        List<String> lines = router.finish().lines();
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).matches("00[0-9a-f]{8}\tjob\t42"), lines.toString());
    }

    @Test
    void aRoutingIdThatHoldsATabIsPrintedWholeInHex() {
        CliRun router = CliRun.start("recv", "--type", "ROUTER", "--bind", "tcp://127.0.0.1:*", "--count", "1",
                "--timeout-ms", "10000");
        CliRun.Result dealer = CliRun.run("send", "--type", "DEALER", "--routing-id", "a\tb", "--connect",
                router.awaitBound(), "-s", "|", "job|42");
        assertEquals(0, dealer.status(), dealer.toString());
        assertEquals(List.of("610962\tjob\t42"), router.finish().lines());
    }

    @Test
    void clientToServerWithAReply() {
        CliRun server = CliRun.start("recv", "--type", "SERVER", "--bind", "tcp://127.0.0.1:*", "--count", "1",
                "--reply", "ok", "--timeout-ms", "10000");
        CliRun.Result client = CliRun.run("send", "--type", "CLIENT", "--connect", server.awaitBound(), "hi");
        assertEquals(0, client.status(), client.toString());
        assertEquals(List.of("hi"), server.finish().lines());
    }
}
