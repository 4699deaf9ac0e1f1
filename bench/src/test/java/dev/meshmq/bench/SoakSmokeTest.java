package dev.meshmq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Message;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The soak's pieces, short enough for {@code mvn verify}: each asserts invariants and completion, never a
 * speed (the machine may be loaded; every round has a generous deadline instead).
 */
class SoakSmokeTest {

    @Test
    void aShortSoakCompletesItsRoundsAndPrintsASummaryWithResourceRanges() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"soak", "--minutes", "0.02", "--stall-seconds", "60"}, print(out),
                print(new ByteArrayOutputStream()));
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, stdout);
        Matcher summary = Pattern.compile("soak: done after [0-9.]+ min: ([0-9]+) rounds, ([0-9]+) messages, "
                + "0 duplicates, 0 failures, 0 stall dumps").matcher(stdout);
        assertTrue(summary.find(), stdout);
        assertTrue(Integer.parseInt(summary.group(1)) >= 1, stdout);
        assertTrue(Long.parseLong(summary.group(2)) > 0, stdout);
        // how many rounds of each kind fit depends on the machine's speed; every push/pull message arrives
        Matcher pushPull = Pattern.compile("soak: push/pull: ([0-9]+) \\(0\\), ([0-9]+), ([0-9]+), 0/0, 0, 0, 0")
                .matcher(stdout);
        assertTrue(pushPull.find(), stdout);
        assertEquals(pushPull.group(2), pushPull.group(3), stdout);
        assertEquals(Long.parseLong(pushPull.group(1)) * 2000, Long.parseLong(pushPull.group(2)), stdout);
        assertTrue(Pattern.compile("soak: resources: [0-9]+ samples: heap after GC [0-9.]+-[0-9.]+ MiB, fds [0-9]+-"
                + "[0-9]+, threads [0-9]+-[0-9]+").matcher(stdout).find(), stdout);
    }

    @Test
    void everyPatternOnEveryTransportAndThroughRelayStallsDeliversEverythingOnce() {
        // Rounds 0-14: five patterns x tcp, ipc, inproc, no fault; rounds 30-34: the five over tcp with a
        // relay stall. None may lose (PUB/SUB: beyond its counted drops), repeat or corrupt a message.
        for (int round : IntStream.concat(IntStream.range(0, 15), IntStream.range(30, 35)).toArray()) {
            MixedRound mixed = new MixedRound(round);
            assertEquals(round >= 30 ? MixedRound.Fault.STALL : MixedRound.Fault.NONE, mixed.fault, mixed.toString());
            SoakOutcome outcome = mixed.run(60);
            assertNull(outcome.problem(), outcome.toString());
            assertEquals(0, outcome.duplicates(), outcome.toString());
            assertEquals(outcome.sent(), outcome.delivered() + outcome.dropped(), outcome.toString());
        }
    }

    @Test
    void relayResetRoundsCompleteAndAccountForEveryMessage() {
        // Rounds 15-19: the five patterns over tcp with every connection reset by the relay once a third is
        // sent. Loss is allowed there (messages in flight); a duplicate never is.
        for (int round = 15; round < 20; round++) {
            MixedRound mixed = new MixedRound(round);
            assertEquals(MixedRound.Fault.RESET, mixed.fault, mixed.toString());
            SoakOutcome outcome = mixed.run(60);
            assertTrue(outcome.faulted(), outcome.toString());
            assertEquals(outcome.sent(), outcome.delivered() + outcome.lost() + outcome.dropped(), outcome.toString());
            assertTrue(outcome.delivered() > 0, outcome.toString());
            assertEquals(0, outcome.duplicates(), outcome.toString());
        }
    }

    @Test
    void aKilledPeerJvmIsReplacedAndTheSurvivingPushDeliversEverythingSentAfterTheKill() {
        PeerProcess victim = PeerProcess.start(List.of(BenchOptions.SOAK_PEER));
        CrashRound crash = new CrashRound(0, 0);
        try {
            SoakOutcome outcome = crash.run(victim, 60);
            assertNull(outcome.problem(), outcome.toString());
            assertTrue(victim.hasExited());
            assertEquals(2000, outcome.delivered() + outcome.lost(), outcome.toString());
            assertTrue(outcome.lost() <= crash.hwm, outcome.toString());
        } finally {
            victim.close();
            if (crash.replacement() != null) {
                crash.replacement().close();
            }
        }
    }

    @Test
    void soakPayloadTellsTheExpectedMessageFromAnyOther() {
        for (int size : List.of(1, 8, 300, 65536)) {
            byte[] body = SoakPayload.body(300, size);
            assertEquals(null, SoakPayload.check(Message.wrap(body), 300, size));
            assertTrue(SoakPayload.check(Message.wrap(body), 301, size) != null, "size " + size);
            assertTrue(SoakPayload.check(Message.wrap(new byte[size + 1]), 300, size) != null);
        }
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
