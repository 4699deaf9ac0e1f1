package dev.meshmq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PushSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A round that stalls on purpose: the watchdog must leave full thread dumps of both JVMs in the file it
 * names, taken before it aborts the round.
 */
class WatchdogStallTest {

    @Test
    void stalledRoundLeavesThreadDumpsOfBothJvmsBeforeAborting() throws Exception {
        CountDownLatch aborted = new CountDownLatch(1);
        CountDownLatch peerConnected = new CountDownLatch(1);
        try (Context context = Context.create()) {
            PushSocket push = context.createPush();
            push.monitor(event -> {
                if (event.type() == MonitorEventType.HANDSHAKE_SUCCEEDED) {
                    peerConnected.countDown();
                }
            });
            String endpoint = push.bind("tcp://127.0.0.1:*");
            // The peer is a real throughput receiver that will never get a message: it stalls in receive().
            try (PeerProcess peer = PeerProcess.start(List.of(BenchOptions.THROUGHPUT_PEER, "--role", "receive",
                    "--impl", "meshmq", "--connect", endpoint, "--size", "64", "--transport", "tcp"))) {
                assertTrue(peerConnected.await(30, TimeUnit.SECONDS), "the peer JVM never connected");
                // A sender that never finishes until the round is aborted.
                FutureTask<Long> sender = Watchdog.start("stall-test-sender", () -> {
                    aborted.await();
                    return 0L;
                });
                BenchFailure failure = assertThrows(BenchFailure.class, () -> Watchdog.await("stall test sender",
                        sender, Watchdog.deadline(0.5), peer, () -> {
                            assertEquals(1, aborted.getCount(), "the round was aborted twice");
                            aborted.countDown();
                        }));

                assertTrue(failure.getMessage().contains("did not finish before its deadline"), failure.getMessage());
                Path dump = failure.stallDump().orElse(null);
                assertNotNull(dump, failure.getMessage());
                assertTrue(failure.getMessage().contains(dump.toString()), failure.getMessage());
                String text = Files.readString(dump, StandardCharsets.UTF_8);
                Files.delete(dump);
                int peerPart = text.indexOf(StallReport.PEER_JVM);
                assertTrue(text.startsWith("stall: stall test sender did not finish"), text);
                assertTrue(text.indexOf(StallReport.THIS_JVM) >= 0 && peerPart > 0, text);
                String ours = text.substring(0, peerPart);
                String theirs = text.substring(peerPart);
                // The sender is still waiting in the dump: the dumps were taken before the abort released it.
                assertTrue(ours.contains("\"stall-test-sender\"") && ours.contains("CountDownLatch.await"), ours);
                assertTrue(ours.contains("pid " + ProcessHandle.current().pid()), ours);
                assertTrue(theirs.contains("peer JVM thread dump (pid " + peer.pid()), theirs);
                assertTrue(theirs.contains("\"main\"") && theirs.contains("ThroughputBench.receive"), theirs);
            }
        }
        assertEquals(0, aborted.getCount());
    }

    @Test
    void stalledSoakRoundLeavesThreadDumpsOfBothJvms() throws Exception {
        // A peer that ignores soak requests: nobody connects to the round's PUSH, so with HWM 1 its sender
        // blocks after the first message and the round stalls.
        try (PeerProcess peer = PeerProcess.start(List.of(BenchOptions.THROUGHPUT_PEER, "--role", "receive",
                "--impl", "meshmq", "--connect", "tcp://127.0.0.1:1", "--size", "64", "--transport", "tcp"))) {
            SoakRound round = new SoakRound(0);
            assertEquals(1, round.hwm);
            BenchFailure failure = assertThrows(BenchFailure.class, () -> round.run(peer, 2.0));
            Path dump = failure.stallDump().orElse(null);
            assertNotNull(dump, failure.getMessage());
            String text = Files.readString(dump, StandardCharsets.UTF_8);
            Files.delete(dump);
            assertTrue(text.startsWith("stall: soak round 0 (tcp, hwm 1, spin on, 1 B x "), text);
            int peerPart = text.indexOf(StallReport.PEER_JVM);
            assertTrue(peerPart > 0, text);
            assertTrue(text.substring(0, peerPart).contains("\"soak-sender-0\""), text);
            assertTrue(text.substring(peerPart).contains("peer JVM thread dump (pid " + peer.pid()), text);
        }
    }
}
