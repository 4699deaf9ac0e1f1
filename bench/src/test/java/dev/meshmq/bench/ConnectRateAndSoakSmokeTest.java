package dev.meshmq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Message;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Smoke runs of connect-rate and soak, short enough for {@code mvn verify}: not measurements. */
class ConnectRateAndSoakSmokeTest {

    private static final String SLOW_CYCLES = "seq_over_1s";
    private static final Set<String> METRICS =
            Set.of("seq_conn_per_s", "seq_p50_us", "seq_p99_us", "burst_conn_per_s", "burst_ms");

    @Test
    void connectRatePrintsEveryMetricForMeshMqAndNioWithRatios() {
        // JeroMQ is left out here: 0.6.0 leaves a few percent of fresh connections without a handshake for
        // its 30-second handshake interval (jeromq pull request 1022), which would make this test slow and
        // flaky. The command line's default runs it.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {"connect-rate", "--impl", "meshmq,nio", "--seconds", "0.3", "--warmup", "0.1",
            "--clients", "10", "--bursts", "2", "--csv"};
        int code = Main.run(args, print(out), print(err));
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, stdout + err.toString(StandardCharsets.UTF_8));
        Pattern line = Pattern.compile("connect_rate,(meshmq|nio|ratio_nio),tcp,1,1,([a-z0-9_]+),"
                + "([0-9]+(\\.[0-9]+)?)");
        Set<String> seen = new HashSet<>();
        for (String text : stdout.lines().filter(text -> !text.startsWith("# machine: ")).toList()) {
            Matcher matcher = line.matcher(text);
            assertTrue(matcher.matches(), "malformed: " + text);
            if (SLOW_CYCLES.equals(matcher.group(2))) {
                continue;
            }
            assertTrue(METRICS.contains(matcher.group(2)), text);
            assertTrue(Double.parseDouble(matcher.group(3)) > 0, text);
            seen.add(matcher.group(1) + "," + matcher.group(2));
        }
        assertEquals(3 * METRICS.size(), seen.size(), stdout);
        for (String impl : List.of("meshmq", "nio")) {
            assertTrue(stdout.contains("connect_rate," + impl + ",tcp,1,1," + SLOW_CYCLES + ","), stdout);
        }
    }

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
        assertTrue(stdout.contains("soak: push/pull: 1 (0), 2000, 2000, 0/0, 0, 0, 0"), stdout);
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
        // sent. Loss is allowed there (messages in flight); duplicates are not asserted here because of the
        // open finding (a message read twice across a reconnect): the soak counts and reports them.
        for (int round = 15; round < 20; round++) {
            MixedRound mixed = new MixedRound(round);
            assertEquals(MixedRound.Fault.RESET, mixed.fault, mixed.toString());
            SoakOutcome outcome = mixed.run(60);
            assertTrue(outcome.faulted(), outcome.toString());
            assertEquals(outcome.sent(), outcome.delivered() + outcome.lost() + outcome.dropped(), outcome.toString());
            assertTrue(outcome.delivered() > 0, outcome.toString());
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
            assertEquals(2000, outcome.delivered(), outcome.toString());
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

    @Test
    void rejectsFlagsThatDoNotBelongToConnectRateOrSoak() {
        for (String[] args : List.of(new String[] {"connect-rate", "--transport", "ipc"},
                new String[] {"connect-rate", "--size", "64"},
                new String[] {"throughput", "--impl", "nio"},
                new String[] {"latency", "--clients", "5"},
                new String[] {"soak", "--size", "64"},
                new String[] {"throughput", "--minutes", "1"})) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(args, print(new ByteArrayOutputStream()), print(err));
            assertEquals(2, code, String.join(" ", args));
            assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count(), err.toString(StandardCharsets.UTF_8));
        }
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
