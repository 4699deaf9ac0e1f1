package dev.meshmq.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs many rounds of two actions that start at the same moment on two threads, and checks each round
 * once both are done: a harness for races whose window is a few instructions wide. The calling thread
 * prepares each round, runs its first action and checks it; a helper thread runs the second action.
 * Both threads meet at a spinning barrier before each round, then each waits a random few spin hints
 * (none to three), so that over many rounds the two actions start at every small offset from one
 * another.
 *
 * <p>Threading: one {@link #run} at a time per instance; the helper thread is started and ended by it.
 */
final class RaceHarness {

    /** One round of the race: made fresh for each round by the harness thread. */
    interface Round {
        /** Runs on the harness thread. */
        void first();

        /** Runs on the helper thread, at the same moment as {@link #first()}. */
        void second();

        /**
         * Checks the round, on the harness thread, after both actions returned.
         *
         * @return null if the round ended as the contract says, otherwise what went wrong
         */
        String check();
    }

    /**
     * What a run found.
     *
     * @param rounds how many rounds ran
     * @param problems the first few problems found
     * @param problemCount how many rounds went wrong in all
     */
    record Outcome(long rounds, List<String> problems, long problemCount) {
    }

    private static final int MAX_JITTER = 4;
    private static final int SPINS_BEFORE_YIELD = 1 << 12;
    private static final int KEPT_PROBLEMS = 5;

    private final AtomicLong arrivals = new AtomicLong();
    private volatile Round current;
    private volatile long finished;
    private volatile boolean stop;

    /**
     * Runs rounds until {@code maxRounds} or the time budget, whichever comes first.
     *
     * @param rounds makes each round's state
     * @param maxRounds the most rounds to run
     * @param budgetMillis the longest time to run
     * @return what was found
     * @throws InterruptedException if interrupted while ending the helper thread
     */
    Outcome run(Supplier<Round> rounds, long maxRounds, long budgetMillis) throws InterruptedException {
        Thread helper = new Thread(this::helperLoop, "race-helper");
        helper.setDaemon(true);
        helper.start();
        SplittableRandom random = new SplittableRandom(42);
        List<String> problems = new ArrayList<>();
        long problemCount = 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
        long round = 0;
        try {
            while (round < maxRounds && System.nanoTime() - deadline < 0) {
                round++;
                Round r = rounds.get();
                current = r;
                meet(round);
                jitter(random.nextInt(MAX_JITTER));
                r.first();
                awaitHelper(round);
                String problem = r.check();
                if (problem != null) {
                    problemCount++;
                    if (problems.size() < KEPT_PROBLEMS) {
                        problems.add("round " + round + ": " + problem);
                    }
                }
            }
        } finally {
            stop = true;
            helper.join(TimeUnit.SECONDS.toMillis(10));
        }
        return new Outcome(round, problems, problemCount);
    }

    private void helperLoop() {
        SplittableRandom random = new SplittableRandom(7);
        for (long round = 1; ; round++) {
            if (!meet(round)) {
                return;
            }
            Round r = current;
            jitter(random.nextInt(MAX_JITTER));
            r.second();
            finished = round;
        }
    }

    /** Arrives at the barrier of {@code round}; returns false if the run stopped meanwhile. */
    private boolean meet(long round) {
        arrivals.incrementAndGet();
        int spins = 0;
        while (arrivals.get() < 2 * round) {
            if (stop) {
                return false;
            }
            spinOnce(++spins);
        }
        return true;
    }

    private void awaitHelper(long round) {
        int spins = 0;
        while (finished < round) {
            spinOnce(++spins);
        }
    }

    private static void spinOnce(int spins) {
        if (spins % SPINS_BEFORE_YIELD == 0) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }

    private static void jitter(int spins) {
        for (int i = 0; i < spins; i++) {
            Thread.onSpinWait();
        }
    }
}
