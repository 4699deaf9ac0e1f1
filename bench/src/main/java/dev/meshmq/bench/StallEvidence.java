package dev.meshmq.bench;

import dev.meshmq.Socket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What a stalled round adds to its failure besides the thread dumps, taken before the round is aborted:
 * the sending socket's statistics (what left its queue) and the kernel's view of the round's tcp or ipc
 * connections (`ss`: bytes queued to send and not yet read on each side), which together say whether the
 * bytes wait in the sender's engine, in the kernel, or unread at the receiver.
 *
 * <p>Thread-safety: stateless.
 */
final class StallEvidence {

    private static final long SS_TIMEOUT_SECONDS = 5;

    private StallEvidence() {
    }

    /**
     * Describes {@code sender} and, for a tcp or ipc endpoint, the kernel's queues of its connections.
     *
     * @param sender the round's sending socket, still open
     * @param endpoint the endpoint it bound
     * @return one line of evidence; never throws
     */
    static String of(Socket sender, String endpoint) {
        StringBuilder text = new StringBuilder("sender statistics: ");
        try {
            text.append(sender.statistics());
        } catch (RuntimeException e) {
            text.append("unavailable (").append(e).append(')');
        }
        if (endpoint.startsWith("tcp://")) {
            String port = endpoint.substring(endpoint.lastIndexOf(':') + 1);
            text.append("; kernel queues: ").append(run("ss", "-tni", "( sport = :" + port + " or dport = :" + port
                    + " )").replaceAll("\\s+", " "));
        } else if (endpoint.startsWith("ipc://")) {
            String path = endpoint.substring("ipc://".length());
            text.append("; kernel queues: ").append(unixQueues(run("ss", "-xn"), path));
        }
        return text.toString();
    }

    /**
     * The lines of `ss -xn` for the unix sockets bound to {@code path} and their peers (matched by inode:
     * a connected socket's line names its own inode and its peer's), on one line.
     */
    static String unixQueues(String table, String path) {
        Set<String> inodes = new HashSet<>();
        List<String> lines = table.lines().toList();
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            for (int i = 0; i + 1 < fields.length; i++) {
                if (fields[i].equals(path)) {
                    inodes.add(fields[i + 1]);
                    if (i + 3 < fields.length && !"0".equals(fields[i + 3])) {
                        inodes.add(fields[i + 3]);
                    }
                }
            }
        }
        StringBuilder matched = new StringBuilder();
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 8 && (inodes.contains(fields[5]) || inodes.contains(fields[7]))) {
                matched.append(matched.length() == 0 ? "" : " | ").append(String.join(" ", fields));
            }
        }
        return matched.length() == 0 ? "no unix socket at " + path : matched.toString();
    }

    /** What {@code command} prints, or why it printed nothing. */
    private static String run(String... command) {
        try {
            Process ss = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = ss.getInputStream().readAllBytes();
            if (!ss.waitFor(SS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                ss.destroyForcibly();
                return "ss did not answer";
            }
            return new String(output, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "ss unavailable (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
