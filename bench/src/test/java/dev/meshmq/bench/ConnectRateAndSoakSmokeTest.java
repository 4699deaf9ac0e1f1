package dev.meshmq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Smoke runs of connect-rate and the command-line checks of connect-rate and soak (the soak itself:
 * {@link SoakSmokeTest}).
 */
class ConnectRateAndSoakSmokeTest {

    private static final String SLOW_CYCLES = "seq_over_1s";
    private static final Set<String> METRICS =
            Set.of("seq_conn_per_s", "seq_p50_us", "seq_p99_us", "burst_conn_per_s", "burst_ms",
                    ConnectRateBench.SEQ_CPU_METRIC);

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
    void connectRateWithCurveCountsCurveHandshakesForMeshMqAndLeavesTheNioLoopOut() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {"connect-rate", "--curve", "--impl", "meshmq", "--seconds", "0.3", "--warmup", "0.1",
            "--clients", "10", "--bursts", "2", "--csv"};
        int code = Main.run(args, print(out), print(err));
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, stdout + err.toString(StandardCharsets.UTF_8));
        Pattern line = Pattern.compile("connect_rate_curve,meshmq,tcp,1,1,([a-z0-9_]+),([0-9]+(\\.[0-9]+)?)");
        Set<String> seen = new HashSet<>();
        for (String text : stdout.lines().filter(text -> !text.startsWith("# machine: ")).toList()) {
            Matcher matcher = line.matcher(text);
            assertTrue(matcher.matches(), "malformed: " + text);
            if (METRICS.contains(matcher.group(1))) {
                assertTrue(Double.parseDouble(matcher.group(2)) > 0, text);
                seen.add(matcher.group(1));
            }
        }
        assertEquals(METRICS, seen, stdout);
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
