package dev.meshmq.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code meshmq send} and {@code recv} against libzmq (pyzmq), each side sending and receiving. */
class CliLibzmqInteropTest {

    @Test
    void recvPullPrintsWhatALibzmqPushSends() {
        CliRun recv = CliRun.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:*", "--count", "2",
                "--timeout-ms", "10000");
        LibzmqPeer push = LibzmqPeer.start("--type", "PUSH", "--connect", recv.awaitBound(), "--send", "hello|world",
                "bye");
        assertEquals(List.of(), push.finish());
        CliRun.Result received = recv.finish();
        assertEquals(List.of("hello\tworld", "bye"), received.lines(), received.toString());
    }

    @Test
    void sendPushReachesALibzmqPull() {
        CliRun send = CliRun.start("send", "--type", "PUSH", "--bind", "tcp://127.0.0.1:*", "-s", "|", "one|two",
                "three");
        LibzmqPeer pull = LibzmqPeer.start("--type", "PULL", "--connect", send.awaitBound(), "--recv", "2");
        assertEquals(List.of("one|two", "three"), pull.finish());
        assertEquals(0, send.finish().status());
    }

    @Test
    void sendReqGetsRepliesFromALibzmqRep() {
        CliRun req = CliRun.start("send", "--type", "REQ", "--bind", "tcp://127.0.0.1:*", "ping", "again");
        LibzmqPeer rep = LibzmqPeer.start("--type", "REP", "--connect", req.awaitBound(), "--recv", "2");
        assertEquals(List.of("ping", "again"), rep.finish());
        CliRun.Result result = req.finish();
        assertEquals(List.of("ping", "again"), result.lines(), result.toString());
    }

    @Test
    void recvRepAnswersALibzmqReq() {
        CliRun rep = CliRun.start("recv", "--type", "REP", "--bind", "tcp://127.0.0.1:*", "--count", "1",
                "--reply", "pong", "--timeout-ms", "10000");
        LibzmqPeer req = LibzmqPeer.start("--type", "REQ", "--connect", rep.awaitBound(), "--send", "ping");
        assertEquals(List.of("pong"), req.finish());
        assertEquals(List.of("ping"), rep.finish().lines());
    }

    @Test
    void recvSubGetsItsTopicFromALibzmqPublisher() {
        CliRun sub = CliRun.start("recv", "--type", "SUB", "--bind", "tcp://127.0.0.1:*", "--subscribe", "weather",
                "--count", "1", "--timeout-ms", "10000");
        LibzmqPeer pub = LibzmqPeer.start("--type", "XPUB", "--connect", sub.awaitBound(), "--send", "sports|goal",
                "weather|rain");
        assertEquals(List.of(), pub.finish());
        assertEquals(List.of("weather\train"), sub.finish().lines());
    }

    @Test
    void sendPubWaitsForALibzmqSubscriber() {
        CliRun pub = CliRun.start("send", "--type", "PUB", "--bind", "tcp://127.0.0.1:*", "-s", "|", "news|one",
                "other|x", "news|two");
        LibzmqPeer sub = LibzmqPeer.start("--type", "SUB", "--connect", pub.awaitBound(), "--subscribe", "news",
                "--recv", "2");
        assertEquals(List.of("news|one", "news|two"), sub.finish());
        assertEquals(0, pub.finish().status());
    }
}
