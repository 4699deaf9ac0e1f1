package dev.meshmq.bench;

import dev.meshmq.Socket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What a stalled round adds to its failure besides the thread dumps, taken before the round is aborted:
 * the sending socket's statistics (what left its queue) and the kernel's view of the round's tcp
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
     * Describes {@code sender} and, for a tcp endpoint, the kernel's queues of its connections.
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
            text.append("; kernel queues: ").append(kernelQueues(endpoint.substring(endpoint.lastIndexOf(':') + 1)));
        }
        return text.toString();
    }

    /** The `ss` lines of the tcp connections to or from {@code port}, on one line. */
    private static String kernelQueues(String port) {
        try {
            Process ss = new ProcessBuilder("ss", "-tni", "( sport = :" + port + " or dport = :" + port + " )")
                    .redirectErrorStream(true).start();
            byte[] output = ss.getInputStream().readAllBytes();
            if (!ss.waitFor(SS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                ss.destroyForcibly();
                return "ss did not answer";
            }
            return new String(output, StandardCharsets.UTF_8).trim().replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "ss unavailable (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
