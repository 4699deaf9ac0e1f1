package dev.meshmq.examples.cli;

import static org.awaitility.Awaitility.await;

import dev.meshmq.examples.Console;
import dev.meshmq.examples.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the {@code meshmq} command line in this JVM, on its own thread, with captured streams:
 * start it, wait for the endpoint it bound, then collect its exit status and output.
 */
final class CliRun {

    private static final Pattern BOUND = Pattern.compile("bound (\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> exit;

    private CliRun(String stdin, String... args) {
        Console console = new Console(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        exit = new CompletableFuture<>();
        Thread thread = new Thread(() -> exit.complete(Main.run(args, console)), "meshmq " + String.join(" ", args));
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts {@code meshmq args...} with empty standard input. */
    static CliRun start(String... args) {
        return new CliRun("", args);
    }

    /** Starts {@code meshmq args...} reading {@code stdin}. */
    static CliRun withInput(String stdin, String... args) {
        return new CliRun(stdin, args);
    }

    /** Runs {@code meshmq args...} to the end. */
    static Result run(String... args) {
        return start(args).finish();
    }

    /** Waits for the {@code bound <endpoint>} note and returns the endpoint. */
    String awaitBound() {
        await().atMost(TIMEOUT).until(() -> BOUND.matcher(errText()).find() || exit.isDone());
        Matcher bound = BOUND.matcher(errText());
        if (!bound.find()) {
            throw new AssertionError("no bound endpoint; " + finish());
        }
        return bound.group(1);
    }

    /** Waits for the command to end. */
    Result finish() {
        try {
            int status = exit.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(status, out.toString(StandardCharsets.UTF_8), errText());
        } catch (TimeoutException e) {
            throw new AssertionError("meshmq did not finish within " + TIMEOUT + "; stderr: " + errText(), e);
        } catch (ExecutionException e) {
            throw new AssertionError("meshmq threw", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /**
     * What a run left behind.
     *
     * @param status the exit status
     * @param out standard output
     * @param err standard error
     */
    record Result(int status, String out, String err) {

        /** Standard output split into lines. */
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
        }

        @Override
        public String toString() {
            return "exit " + status + "\nstdout:\n" + out + "stderr:\n" + err;
        }
    }
}
