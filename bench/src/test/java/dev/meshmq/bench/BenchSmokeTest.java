package dev.meshmq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A smoke run of each benchmark, short enough for {@code mvn verify}: not a measurement. */
class BenchSmokeTest {

    private static final Pattern LINE = Pattern.compile(
            "(throughput|latency),(meshmq|jeromq|ratio),(tcp|inproc),1,64,([a-z0-9_]+),([0-9]+(\\.[0-9]+)?)");

    @ParameterizedTest
    @CsvSource({"throughput,tcp", "throughput,inproc", "latency,tcp", "latency,inproc"})
    void printsWellFormedPositiveCsvForBothImplementations(String bench, String transport) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {bench, "--impl", "both", "--transport", transport, "--procs", "1", "--size", "64",
            "--seconds", "0.5", "--warmup", "0.2", "--min-round-trips", "2000", "--csv"};
        int code = Main.run(args, print(out), print(err));
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, stdout + err.toString(StandardCharsets.UTF_8));
        List<String> lines = stdout.lines().filter(text -> !text.startsWith("# machine: ")).toList();
        Set<String> metrics = "throughput".equals(bench)
                ? Set.of("msgs_per_s", "mb_per_s", "cpu_ns_per_msg")
                : Set.of("mean_us", "p50_us", "p99_us", "cpu_us_per_round_trip");
        assertEquals(3 * metrics.size(), lines.size(), stdout);
        for (String line : lines) {
            Matcher matcher = LINE.matcher(line);
            assertTrue(matcher.matches(), "malformed: " + line);
            assertEquals(bench, matcher.group(1), line);
            assertEquals(transport, matcher.group(3), line);
            assertTrue(metrics.contains(matcher.group(4)), line);
            assertTrue(Double.parseDouble(matcher.group(5)) > 0, line);
        }
    }

    /**
     * A latency run that cannot reach its minimum round trips in time (here the minimum is far beyond what
     * a few seconds give; on a busy machine a round trip can take milliseconds) ends at its give-up time
     * and says it fell short, instead of running into the watchdog and being reported as a hang.
     */
    @Test
    void aLatencyRunThatCannotReachItsMinimumEndsShortAndSaysSo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {"latency", "--impl", "meshmq", "--transport", "inproc", "--procs", "1", "--size", "1",
            "--seconds", "0.1", "--warmup", "0.1", "--min-round-trips", "100000000"};
        int code = Main.run(args, print(out), print(err));
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, stdout + err.toString(StandardCharsets.UTF_8));
        assertTrue(stdout.contains("fewer than --min-round-trips 100000000"), stdout);
    }

    @ParameterizedTest
    @CsvSource({"fanout,", "fanout_nodrop,--nodrop"})
    void fanoutPrintsDeliveredAndDroppedForBothImplementations(String bench, String flag) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("fanout", "--impl", "both", "--subs", "2", "--size", "64",
                "--seconds", "0.3", "--warmup", "0.1", "--csv"));
        if (flag != null) {
            args.add(flag);
        }
        int code = Main.run(args.toArray(new String[0]), print(out), print(err));
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, stdout + err.toString(StandardCharsets.UTF_8));
        Pattern line = Pattern.compile(bench
                + ",(meshmq|jeromq|ratio),tcp,1,64,(delivered_per_s|dropped|cpu_ns_per_msg),([0-9.]+)");
        List<String> lines = stdout.lines().filter(text -> !text.startsWith("# machine: ")).toList();
        assertTrue(lines.size() >= 8, stdout);
        assertTrue(stdout.contains(bench + ",meshmq,tcp,1,64,cpu_ns_per_msg,")
                && stdout.contains(bench + ",ratio,tcp,1,64,cpu_ns_per_msg,"), stdout);
        for (String text : lines) {
            Matcher matcher = line.matcher(text);
            assertTrue(matcher.matches(), "malformed: " + text);
            if ("delivered_per_s".equals(matcher.group(2))) {
                assertTrue(Double.parseDouble(matcher.group(3)) > 0, text);
            }
        }
    }

    /**
     * CURVE between two processes: the keys reach the child and the runs finish under the _curve name.
     * MeshMQ only: a JeroMQ CURVE receiver child once exited early here with the machine's load at 12,
     * and a smoke test must not depend on the baseline's behaviour under load.
     */
    @ParameterizedTest
    @CsvSource({"throughput", "latency"})
    void curveRunsBetweenTwoProcessesForBothImplementations(String bench) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {bench, "--curve", "--impl", "meshmq", "--transport", "tcp", "--procs", "2", "--size", "64",
            "--seconds", "0.3", "--warmup", "0.1", "--min-round-trips", "500", "--csv"};
        int code = Main.run(args, print(out), print(err));
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, stdout + err.toString(StandardCharsets.UTF_8));
        assertTrue(stdout.contains(bench + "_curve,meshmq,tcp,2,64,"), stdout);
    }

    @Test
    void rejectsBadFlagsWithExitCodeTwoAndOneLine() {
        for (String[] args : List.of(new String[] {"throughput", "--size", "x"},
                new String[] {"latency", "--transport", "inproc", "--procs", "2"},
                new String[] {"throughput", "--bogus", "1"},
                new String[] {"fanout", "--subs", "0"},
                new String[] {"fanout", "--transport", "ipc"},
                new String[] {"throughput", "--nodrop"},
                new String[] {"throughput", "--spin-us", "10001"},
                new String[] {"connect-rate", "--spin-us", "5"},
                new String[] {"soak", "--background-load", "1"},
                new String[] {"throughput", "--out", "x"},
                new String[] {"report", "--quick"},
                new String[] {"report", "--out", "x", "--size", "64"},
                new String[] {"connect-rate", "--curve", "--impl", "nio"},
                new String[] {"throughput-peer", "--impl", "meshmq", "--connect", "tcp://127.0.0.1:1",
                    "--curve-keys", "not,four,keys"})) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(args, print(new ByteArrayOutputStream()), print(err));
            assertEquals(2, code);
            assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count(), err.toString(StandardCharsets.UTF_8));
        }
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
