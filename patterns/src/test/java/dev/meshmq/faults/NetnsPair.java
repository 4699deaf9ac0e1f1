package dev.meshmq.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two Linux network namespaces joined by a veth pair, {@link #ADDRESS_A} in {@link #a()} and
 * {@link #ADDRESS_B} in {@link #b()}: a real network path whose link can be taken down (packets vanish,
 * nobody is told: connections stay half-open) and brought back. Names are random per instance so suites
 * can run side by side; {@link #close()} deletes both namespaces (and so the veth pair), and a shutdown
 * hook does it if the test JVM ends first. Needs root (CAP_NET_ADMIN) and iproute2; creating it fails
 * with a message that says so.
 *
 * <p>Thread-safety: one test thread.
 */
final class NetnsPair implements AutoCloseable {

    static final String ADDRESS_A = "10.213.0.1";
    static final String ADDRESS_B = "10.213.0.2";
    private static final String PREFIX = "/30";

    private final String a;
    private final String b;
    private final String linkA;
    private final Thread cleanup;
    private boolean closed;

    private NetnsPair(String name) {
        this.a = name + "a";
        this.b = name + "b";
        this.linkA = name + "x";
        this.cleanup = new Thread(this::deleteQuietly, "netns-cleanup-" + name);
    }

    /** Creates the namespaces and the link, up. */
    static NetnsPair create() throws IOException, InterruptedException {
        String name = String.format(Locale.ROOT, "mq%08x", ThreadLocalRandom.current().nextInt());
        NetnsPair pair = new NetnsPair(name);
        Runtime.getRuntime().addShutdownHook(pair.cleanup);
        String linkB = name + "y";
        try {
            ip("netns", "add", pair.a);
            ip("netns", "add", pair.b);
            ip("link", "add", pair.linkA, "type", "veth", "peer", "name", linkB);
            ip("link", "set", pair.linkA, "netns", pair.a);
            ip("link", "set", linkB, "netns", pair.b);
            ip("-n", pair.a, "addr", "add", ADDRESS_A + PREFIX, "dev", pair.linkA);
            ip("-n", pair.b, "addr", "add", ADDRESS_B + PREFIX, "dev", linkB);
            ip("-n", pair.a, "link", "set", "lo", "up");
            ip("-n", pair.b, "link", "set", "lo", "up");
            ip("-n", pair.b, "link", "set", linkB, "up");
            ip("-n", pair.a, "link", "set", pair.linkA, "up");
        } catch (IOException | AssertionError e) {
            pair.close();
            throw new AssertionError("the partition tests need root (CAP_NET_ADMIN) and iproute2's 'ip netns' "
                    + "to build two network namespaces joined by a veth pair; run them as root (CI does): " + e, e);
        }
        return pair;
    }

    String a() {
        return a;
    }

    String b() {
        return b;
    }

    /** Takes the link down on A's side: B's end loses its carrier, nothing is sent to either side. */
    void linkDown() throws IOException, InterruptedException {
        ip("-n", a, "link", "set", linkA, "down");
    }

    /** Brings the link back (with its route). */
    void linkUp() throws IOException, InterruptedException {
        ip("-n", a, "link", "set", linkA, "up");
    }

    /**
     * Whether every established TCP connection in {@code namespace} has nothing unacknowledged in its send
     * queue ({@code ss}'s Send-Q column is 0), so that only keepalive probes, not retransmissions, will
     * test the path.
     */
    static boolean sendQueuesEmpty(String namespace) throws IOException, InterruptedException {
        String table = run(List.of("ip", "netns", "exec", namespace, "ss", "-tnH", "state", "established"));
        for (String row : table.split("\n")) {
            String[] columns = row.trim().split("\\s+");
            if (columns.length >= 2 && !columns[1].equals("0")) {
                return false;
            }
        }
        return true;
    }

    private static void ip(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(arguments));
        run(command);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 10 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
        }
        return output;
    }

    private void deleteQuietly() {
        for (String namespace : List.of(a, b)) {
            try {
                Process process = new ProcessBuilder("ip", "netns", "del", namespace).redirectErrorStream(true)
                        .start();
                process.getInputStream().readAllBytes();
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                // nothing to delete, or no ip: the creation failed already
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        deleteQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }
}
