package dev.meshmq.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The soak: rounds one after the other for {@code --minutes}. Of every {@value #CYCLE} rounds,
 * {@value #CYCLE} - 2 are {@link MixedRound}s in this JVM (PUSH/PULL, DEALER/ROUTER, REQ/REP, PUB/SUB,
 * CLIENT/SERVER over tcp, ipc and inproc; HWM 1, 2 or 5; fresh sockets that connect and disconnect each
 * round; relay resets and stalls on tcp), one is a {@link SoakRound} (PUSH here to PULL in a peer JVM that
 * lives across rounds, 1 B to 64 KiB, every byte checked) and one a {@link CrashRound} (that peer JVM is
 * killed with SIGKILL mid-stream and a new one takes over). Between rounds, once a minute and at the end,
 * {@link SoakResources} samples heap after GC, file descriptors and threads. Prints a progress line a
 * minute, every broken invariant when it happens, and a summary per kind of round at the end
 * ({@link SoakTally}). Exit code 0 if no invariant broke, else 1.
 *
 * <p>Thread-safety: runs on the calling thread; each round starts and ends its own threads.
 */
final class SoakBench {

    static final int CYCLE = 10;

    private static final long PROGRESS_NANOS = 60_000_000_000L;
    private static final double PEER_EXIT_SECONDS = 10;

    private final BenchOptions options;
    private final PrintStream out;
    private final SoakTally tally = new SoakTally();
    private final SoakResources resources = new SoakResources();
    private final List<Path> dumps = new ArrayList<>();
    private PeerProcess peer;
    private int mixedRounds;
    private int jvmRounds;
    private int crashRounds;

    private SoakBench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    static int run(BenchOptions options, PrintStream out) {
        return new SoakBench(options, out).run();
    }

    private int run() {
        long start = System.nanoTime();
        long end = Watchdog.deadline(options.minutes * 60);
        long nextProgress = start + PROGRESS_NANOS;
        out.println("soak: " + options.minutes + " min: mixed patterns (push/pull, dealer/router, req/rep, "
                + "pub/sub, client/server; tcp, ipc, inproc; relay reset and stall; HWM 1-5), two-JVM push/pull "
                + "rounds and kill -9 rounds; a round not done in " + options.stallSeconds + " s is a stall");
        out.flush();
        try {
            while (System.nanoTime() - end < 0) {
                runRound(tally.rounds());
                if (tally.rounds() == 1 || System.nanoTime() - nextProgress >= 0) {
                    checkResources();
                }
                if (System.nanoTime() - nextProgress >= 0) {
                    nextProgress = Math.max(nextProgress + PROGRESS_NANOS, System.nanoTime());
                    out.println(String.format(Locale.ROOT, "soak: %.1f min, %d rounds, %d messages, "
                            + "%d duplicates, %d failures; %s", (System.nanoTime() - start) / 6e10, tally.rounds(),
                            tally.messages(), tally.duplicates(), tally.failures(), resources.ranges()));
                    out.flush();
                }
            }
        } finally {
            if (peer != null) {
                stopPeer(peer);
            }
        }
        checkResources();
        printSummary((System.nanoTime() - start) / 6e10);
        return tally.failures() == 0 ? 0 : 1;
    }

    private void runRound(int round) {
        int slot = round % CYCLE;
        String kind = slot == CYCLE - 1 ? "kill-9 push/pull" : slot == CYCLE / 2 ? "2-jvm push/pull" : "mixed";
        Object what = null;
        try {
            if (slot == CYCLE - 1) {
                CrashRound crash = new CrashRound(round, crashRounds++);
                what = crash;
                runCrash(crash);
            } else if (slot == CYCLE / 2) {
                SoakRound jvm = new SoakRound(jvmRounds++);
                what = jvm;
                if (peer == null) {
                    peer = PeerProcess.start(List.of(BenchOptions.SOAK_PEER));
                }
                jvm.run(peer, options.stallSeconds);
                record(new SoakOutcome(kind, false, jvm.messages, jvm.messages, 0, 0, 0, null));
            } else {
                MixedRound mixed = new MixedRound(mixedRounds++);
                what = mixed;
                kind = mixed.pattern.label();
                record(mixed.run(options.stallSeconds));
            }
        } catch (RuntimeException e) {
            if (e instanceof BenchFailure) {
                ((BenchFailure) e).stallDump().ifPresent(dumps::add);
            }
            String problem = "round " + what + ": " + e.getMessage();
            tally.fail(kind, problem);
            out.println("soak: FAILED " + problem);
            out.flush();
            if (peer != null && !(what instanceof MixedRound)) {
                peer.close();
                peer = null;
            }
        } finally {
            deleteIpcFiles();
        }
    }

    private void runCrash(CrashRound crash) {
        if (peer == null) {
            peer = PeerProcess.start(List.of(BenchOptions.SOAK_PEER));
        }
        PeerProcess victim = peer;
        try {
            record(crash.run(victim, options.stallSeconds));
        } finally {
            victim.close();
            peer = crash.replacement();
        }
    }

    private void record(SoakOutcome outcome) {
        tally.add(outcome);
        if (outcome.problem() != null) {
            out.println("soak: FAILED " + outcome.problem());
            out.flush();
        }
    }

    private void checkResources() {
        String growth = resources.sample();
        if (growth != null) {
            tally.fail("resources", "after round " + (tally.rounds() - 1) + ": " + growth);
            out.println("soak: FAILED resources: " + growth);
            out.flush();
        }
    }

    private static void stopPeer(PeerProcess peer) {
        try (peer) {
            peer.request(PeerControl.EXIT);
            peer.awaitExit(PEER_EXIT_SECONDS);
        }
    }

    private void printSummary(double minutes) {
        out.println(String.format(Locale.ROOT, "soak: done after %.1f min: %d rounds, %d messages, %d duplicates, "
                + "%d failures, %d stall dumps", minutes, tally.rounds(), tally.messages(), tally.duplicates(),
                tally.failures(), dumps.size()));
        tally.print(out);
        out.println("soak: resources: " + resources.ranges() + "; " + resources.baseline());
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
