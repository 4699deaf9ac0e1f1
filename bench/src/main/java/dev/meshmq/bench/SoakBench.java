package dev.meshmq.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The soak: {@link SoakRound}s one after the other for {@code --minutes}, cycling through every
 * combination of tcp/ipc, HWM 1/2/5, spin wait on/off and 1 B to 64 KiB, between this JVM (PUSH) and one
 * peer JVM (PULL, {@link SoakPeer}) that lives across rounds. A failed round is recorded and the peer is
 * replaced by a fresh one; the soak goes on. Prints a progress line about once a minute and, at the end,
 * rounds run, messages and bytes moved, every failure and every stall's thread-dump file. Exit code 0 if
 * no round failed, else 1.
 *
 * <p>Thread-safety: runs on the calling thread; each round's sender runs on a watchdog thread.
 */
final class SoakBench {

    private static final long PROGRESS_NANOS = 60_000_000_000L;
    private static final double PEER_EXIT_SECONDS = 10;

    private SoakBench() {
    }

    static int run(BenchOptions options, PrintStream out) {
        long start = System.nanoTime();
        long end = Watchdog.deadline(options.minutes * 60);
        long nextProgress = start + PROGRESS_NANOS;
        List<String> failures = new ArrayList<>();
        List<Path> dumps = new ArrayList<>();
        long messages = 0;
        long bytes = 0;
        int rounds = 0;
        out.println("soak: " + options.minutes + " min of MeshMQ PUSH->PULL rounds between two JVMs, "
                + SoakRound.SETTINGS + " settings in rotation, a round not done in " + options.stallSeconds
                + " s is a stall");
        out.flush();
        PeerProcess peer = null;
        try {
            while (System.nanoTime() - end < 0) {
                SoakRound round = new SoakRound(rounds++);
                if (peer == null) {
                    peer = PeerProcess.start(List.of(BenchOptions.SOAK_PEER));
                }
                try {
                    round.run(peer, options.stallSeconds);
                    messages += round.messages;
                    bytes += round.messages * round.size;
                } catch (RuntimeException e) {
                    failures.add(e.getMessage());
                    if (e instanceof BenchFailure) {
                        ((BenchFailure) e).stallDump().ifPresent(dumps::add);
                    }
                    out.println("soak: round " + round + " FAILED: " + e.getMessage());
                    peer.close();
                    peer = null;
                } finally {
                    deleteIpcFiles();
                }
                if (System.nanoTime() - nextProgress >= 0) {
                    nextProgress += PROGRESS_NANOS;
                    out.println(String.format(Locale.ROOT, "soak: %.1f min, %d rounds, %d messages, %d failures",
                            (System.nanoTime() - start) / 6e10, rounds, messages, failures.size()));
                    out.flush();
                }
            }
        } finally {
            if (peer != null) {
                stopPeer(peer);
            }
        }
        printSummary(out, (System.nanoTime() - start) / 6e10, rounds, messages, bytes, failures, dumps);
        return failures.isEmpty() ? 0 : 1;
    }

    private static void stopPeer(PeerProcess peer) {
        try (peer) {
            peer.request(PeerControl.EXIT);
            peer.awaitExit(PEER_EXIT_SECONDS);
        }
    }

    private static void printSummary(PrintStream out, double minutes, int rounds, long messages, long bytes,
            List<String> failures, List<Path> dumps) {
        out.println(String.format(Locale.ROOT, "soak: done after %.1f min: %d rounds, %d messages, %.1f MB, "
                + "%d failures, %d stall dumps", minutes, rounds, messages, bytes / 1e6, failures.size(),
                dumps.size()));
        for (String failure : failures) {
            out.println("soak: failure: " + failure);
        }
        for (Path dump : dumps) {
            out.println("soak: stall dump: " + dump);
        }
        out.flush();
    }

    private static void deleteIpcFiles() {
        for (Path file : Transport.resetIpcFiles()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover socket file in the temp directory is harmless; the next round uses a new name.
                continue;
            }
        }
    }
}
