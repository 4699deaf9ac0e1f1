package dev.meshmq.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs each example program briefly through the {@code meshmq} entry point and checks its report. */
class ExamplesTest {

    @Test
    void noArgumentsRunsTheDemo() {
        String output = run(0);
        assertTrue(output.startsWith("MeshMQ demo"), output);
        assertTrue(output.endsWith("done" + System.lineSeparator()), output);
    }

    @Test
    void pipelineReportsBackPressureAndEveryResult() {
        String output = run(0, "pipeline", "--workers", "3", "--tasks", "3000", "--hwm", "5", "--rounds", "50");
        assertTrue(output.contains("ventilator -> 3 workers -> sink over inproc, 3,000 tasks, HWM 5"), output);
        Matcher waits = Pattern.compile("waited at the high-water mark ([\\d,]+) times").matcher(output);
        assertTrue(waits.find(), output);
        assertTrue(Integer.parseInt(waits.group(1).replace(",", "")) > 0, output);
        assertTrue(output.matches("(?s).*sink: 3,000 of 3,000 results in [\\d.]+ s \\([\\d,]+ tasks/s\\).*"), output);
        for (int worker = 1; worker <= 3; worker++) {
            assertTrue(output.contains("worker-" + worker + ": "), output);
        }
    }

    @Test
    void workerQueueCompletesEveryJobThoughAWorkerCrashes() {
        String output = run(0, "worker-queue", "--workers", "3", "--clients", "2", "--jobs", "6",
                "--crash-after", "2", "--timeout-ms", "400", "--work-ms", "5");
        assertTrue(output.contains("worker-1: crashing with job"), output);
        assertTrue(output.contains("worker-1 is back"), output);
        assertTrue(output.contains("sending it again (attempt 2)"), output);
        Set<String> done = new TreeSet<>();
        Matcher result = Pattern.compile("(c\\d-\\d\\d) done by worker-\\d: \"(.*)\"").matcher(output);
        while (result.find()) {
            done.add(result.group(1));
            String id = result.group(1);
            String expected = new StringBuilder("job " + Integer.parseInt(id.substring(3)) + " of client-"
                    + id.charAt(1)).reverse().toString();
            assertEquals(expected, result.group(2), output);
        }
        Set<String> all = new TreeSet<>();
        for (int client = 1; client <= 2; client++) {
            for (int job = 1; job <= 6; job++) {
                all.add(String.format("c%d-%02d", client, job));
            }
        }
        assertEquals(all, done, output);
        assertTrue(output.contains("jobs: 12 submitted, 12 completed, 0 failed"), output);
        assertTrue(output.endsWith("every job completed" + System.lineSeparator()), output);
    }

    @Test
    void pubSubFansOutHandlesTheLateJoinerAndReportsDrops() {
        String output = run(0, "pubsub", "--events", "400");
        assertTrue(output.contains("publisher: 4 subscribers in place after event #0"), output);
        assertTrue(output.contains("publisher: 5 subscribers in place after event #400"), output);
        assertTrue(output.matches("(?s).*orders-desk +orders\\. +got  400 of  400 events.*"), output);
        assertTrue(output.matches("(?s).*price-ticker +prices\\. +got  200 of  200 events.*"), output);
        assertTrue(output.matches("(?s).*auditor +everything got  800 of  800 events.*"), output);
        assertTrue(output.matches(
                "(?s).*alert-dashboard \\(late\\) alerts\\. +got  100 of  100 events \\(#404\\.\\..*"), output);
        assertTrue(output.matches("(?s).*archive \\(slow\\) +everything got +\\d+ of  800 events .*: the publisher "
                + "dropped \\d+ for it.*"), output);
        Matcher dropped = Pattern.compile("([\\d,]+) dropped at a subscriber's high-water mark").matcher(output);
        assertTrue(dropped.find(), output);
        assertTrue(Integer.parseInt(dropped.group(1).replace(",", "")) > 0, output);
        assertTrue(output.endsWith("every subscriber that kept up got every event" + System.lineSeparator()), output);
    }

    private static String run(int expectedStatus, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new Console(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        String output = out.toString(StandardCharsets.UTF_8);
        assertEquals(expectedStatus, status, output + err.toString(StandardCharsets.UTF_8));
        return output;
    }
}
