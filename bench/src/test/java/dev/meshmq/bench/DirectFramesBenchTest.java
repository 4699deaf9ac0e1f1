package dev.meshmq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --direct-frames}: a smoke run between two processes, and the commands that refuse it. */
class DirectFramesBenchTest {

    @Test
    void throughputWithDirectFramesRunsBetweenTwoProcesses() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {"throughput", "--direct-frames", "--impl", "meshmq", "--transport", "tcp", "--procs", "2",
            "--size", "200000", "--seconds", "0.3", "--warmup", "0.1", "--csv"};
        int code = Main.run(args, print(out), print(err));
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, stdout + err.toString(StandardCharsets.UTF_8));
        assertTrue(stdout.contains("throughput,meshmq,tcp,2,200000,msgs_per_s,"), stdout);
    }

    @Test
    void onlyThroughputTakesDirectFrames() {
        for (String[] args : List.of(new String[] {"latency", "--direct-frames"},
                new String[] {"fanout", "--direct-frames"}, new String[] {"report", "--out", "x", "--direct-frames"})) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(2, Main.run(args, print(new ByteArrayOutputStream()), print(err)), String.join(" ", args));
            assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count(), err.toString(StandardCharsets.UTF_8));
        }
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
