package dev.meshmq.transport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs jcstress (0.15) on this jar's tests and turns its verdict into an exit status: 0 when every
 * planned test result passed, 1 when any failed (a FORBIDDEN or unlisted outcome) or errored, or when
 * the run did not produce every result it planned. jcstress's own launcher exits normally in that
 * last case, and signals failures only by an exception out of its report printer; the gate does not
 * rely on either. The arguments go to jcstress unchanged; its console output is shown and also kept,
 * and the verdict is read from the last progress line,
 * {@code (Results: P planned; N passed, F failed, S soft errs, H hard errs)}.
 *
 * <p>Threading: runs on the main thread; jcstress forks its own JVMs.
 */
public final class JcstressGate {

    private static final Pattern RESULTS = Pattern.compile(
            "Results: (\\d+) planned; (\\d+) passed, (\\d+) failed, (\\d+) soft errs, (\\d+) hard errs");

    private JcstressGate() {
    }

    /**
     * Runs jcstress and exits with its verdict.
     *
     * @param args jcstress's command-line options
     * @throws Exception whatever jcstress throws
     */
    public static void main(String[] args) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(console, kept), true, StandardCharsets.UTF_8));
        String verdict;
        try {
            org.openjdk.jcstress.Main.main(args);
        } finally {
            System.out.flush();
            System.setOut(console);
            verdict = verdict(kept.toString(StandardCharsets.UTF_8));
            console.println(verdict == null ? "jcstress gate: PASSED" : "jcstress gate: FAILED: " + verdict);
            console.flush();
        }
        System.exit(verdict == null ? 0 : 1);
    }

    /**
     * Reads the verdict from jcstress's console output.
     *
     * @param output everything jcstress printed
     * @return null if the run passed, otherwise why not
     */
    static String verdict(String output) {
        Matcher matcher = RESULTS.matcher(output);
        String last = null;
        long[] counts = new long[5];
        while (matcher.find()) {
            last = matcher.group();
            for (int i = 0; i < counts.length; i++) {
                counts[i] = Long.parseLong(matcher.group(i + 1));
            }
        }
        if (last == null) {
            return "no results line in jcstress's output";
        }
        boolean passed = counts[0] > 0 && counts[1] == counts[0] && counts[2] + counts[3] + counts[4] == 0;
        return passed ? null : last;
    }

    /** Copies everything written to two streams. Threading: as the {@link PrintStream} that wraps it. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
