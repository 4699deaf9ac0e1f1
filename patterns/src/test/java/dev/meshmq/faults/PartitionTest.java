package dev.meshmq.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A real network partition: a PUSH in one network namespace, connected to a PULL in another through a veth
 * pair whose link goes down (no FIN, no RST: both connections stay half-open) and comes back. Each child
 * JVM holds two pairs of sockets, one with heartbeats (100 ms, timeout 600 ms) and one without.
 */
class PartitionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void heartbeatsDetectAPartitionAndReconnectAfterItWhileALinkWithoutThemWaitsItOut() throws Exception {
        try (NetnsPair net = NetnsPair.create();
                ChildPeer b = ChildPeer.startIn(net.b());
                ChildPeer a = ChildPeer.startIn(net.a())) {
            String beating = b.open("pull", "PULL", "bind", "tcp://" + NetnsPair.ADDRESS_B + ":*", true);
            String silent = b.open("pull2", "PULL", "bind", "tcp://" + NetnsPair.ADDRESS_B + ":*", false);
            b.command("serve pull print");
            b.command("serve pull2 print");
            a.open("push", "PUSH", "connect", beating, true);
            a.open("push2", "PUSH", "connect", silent, false);
            a.awaitLine(line -> line.startsWith("event push HANDSHAKE_SUCCEEDED"), WAIT);
            a.awaitLine(line -> line.startsWith("event push2 HANDSHAKE_SUCCEEDED"), WAIT);
            a.command("send push a 20");
            a.command("send push2 a 20");
            b.awaitLine("got pull a-19"::equals, WAIT);
            b.awaitLine("got pull2 a-19"::equals, WAIT);

            net.linkDown();
            long downAt = System.nanoTime();
            String dropped = a.awaitLine(line -> line.startsWith("event push DISCONNECTED"), WAIT);
            long detectedMillis = (System.nanoTime() - downAt) / 1_000_000;
            assertTrue(dropped.contains("heartbeat"), dropped);
            assertTrue(detectedMillis < 1500, "the partition was noticed after " + detectedMillis + " ms");
            b.awaitLine(line -> line.startsWith("event pull DISCONNECTED"), WAIT);
            a.command("send push c 20");
            a.command("send push2 c 20");
            a.awaitLine("sent push2 20"::equals, WAIT);
            a.awaitLine(line -> line.startsWith("event push CONNECT_RETRIED"), WAIT);

            net.linkUp();
            b.awaitLine("got pull c-19"::equals, WAIT);
            b.awaitLine("got pull2 c-19"::equals, WAIT);
            List<String> series = IntStream.range(0, 20).mapToObj(i -> "c-" + i).toList();
            assertEquals(series.stream().map(tag -> "got pull " + tag).toList(),
                    b.lines(line -> line.startsWith("got pull c-")), "queued messages lost or reordered");
            assertEquals(series.stream().map(tag -> "got pull2 " + tag).toList(),
                    b.lines(line -> line.startsWith("got pull2 c-")));
            assertEquals(List.of("HANDSHAKE_SUCCEEDED", "DISCONNECTED", "HANDSHAKE_SUCCEEDED"),
                    eventTypes(a, "push", "HANDSHAKE_SUCCEEDED", "DISCONNECTED"));
            assertEquals(List.of("HANDSHAKE_SUCCEEDED"), eventTypes(a, "push2", "HANDSHAKE_SUCCEEDED",
                    "DISCONNECTED"), "the link without heartbeats should have waited the partition out");
        }
    }

    /**
     * TCP keepalive without heartbeats: an idle connection across the partition is dropped by the kernel
     * after its probes go unanswered (1 s idle, then 2 probes a second apart: about 3 s), on both sides;
     * the connecting side reconnects once the link is back, and what was queued meanwhile arrives.
     * Keepalive only covers an idle connection: data waiting for an acknowledgement is governed by TCP's
     * retransmissions, which give up after many minutes (heartbeats cover that case).
     */
    @Test
    void tcpKeepaliveDropsAnIdleConnectionAcrossAPartitionAndItComesBack() throws Exception {
        try (NetnsPair net = NetnsPair.create();
                ChildPeer b = ChildPeer.startIn(net.b());
                ChildPeer a = ChildPeer.startIn(net.a())) {
            String endpoint = b.openWithKeepalive("pull", "PULL", "bind", "tcp://" + NetnsPair.ADDRESS_B + ":*");
            b.command("serve pull print");
            a.openWithKeepalive("push", "PUSH", "connect", endpoint);
            a.awaitLine(line -> line.startsWith("event push HANDSHAKE_SUCCEEDED"), WAIT);
            a.command("send push a 20");
            b.awaitLine("got pull a-19"::equals, WAIT);
            await().atMost(WAIT).until(() -> NetnsPair.sendQueuesEmpty(net.a()) && NetnsPair.sendQueuesEmpty(net.b()));

            net.linkDown();
            long downAt = System.nanoTime();
            a.awaitLine(line -> line.startsWith("event push DISCONNECTED"), WAIT);
            long detectedMillis = (System.nanoTime() - downAt) / 1_000_000;
            System.out.printf("keepalive dropped the partitioned connection after %,d ms%n", detectedMillis);
            assertTrue(detectedMillis >= 1000 && detectedMillis < 10_000,
                    "keepalive noticed the partition after " + detectedMillis + " ms");
            b.awaitLine(line -> line.startsWith("event pull DISCONNECTED"), WAIT);
            a.command("send push c 20");
            a.awaitLine("sent push 20"::equals, WAIT);

            net.linkUp();
            b.awaitLine("got pull c-19"::equals, WAIT);
            assertEquals(IntStream.range(0, 20).mapToObj(i -> "got pull c-" + i).toList(),
                    b.lines(line -> line.startsWith("got pull c-")), "queued messages lost or reordered");
            assertEquals(List.of("HANDSHAKE_SUCCEEDED", "DISCONNECTED", "HANDSHAKE_SUCCEEDED"),
                    eventTypes(a, "push", "HANDSHAKE_SUCCEEDED", "DISCONNECTED"));
        }
    }

    /** The types of the monitor events of socket {@code name} among {@code types}, in the order they came. */
    static List<String> eventTypes(ChildPeer peer, String name, String... types) {
        List<String> wanted = List.of(types);
        return peer.lines(line -> line.startsWith("event " + name + " ")).stream()
                .map(line -> line.split(" ")[2]).filter(wanted::contains).toList();
    }
}
