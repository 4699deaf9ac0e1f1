package dev.meshmq.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The soak's running totals, per kind of round (a pattern, the two-JVM PUSH/PULL rounds, the kill -9
 * rounds): rounds, rounds with a fault, messages sent and delivered, duplicates (in fault-free rounds and
 * in rounds with a fault, apart), losses in rounds that allow them, PUB drops, and every broken invariant
 * in words.
 *
 * <p>Thread-safety: not thread-safe; used by the soak's thread only.
 */
final class SoakTally {

    private static final int FAILURES_LISTED = 30;

    /** Per kind: rounds, faulted, sent, delivered, duplicates (no fault), duplicates (fault), lost, dropped. */
    private final Map<String, long[]> kinds = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private int rounds;

    void add(SoakOutcome outcome) {
        rounds++;
        long[] row = kinds.computeIfAbsent(outcome.kind(), kind -> new long[9]);
        row[0]++;
        row[1] += outcome.faulted() ? 1 : 0;
        row[2] += outcome.sent();
        row[3] += outcome.delivered();
        row[outcome.faulted() ? 5 : 4] += outcome.duplicates();
        row[6] += outcome.lost();
        row[7] += outcome.dropped();
        if (outcome.problem() != null) {
            row[8]++;
            failures.add(outcome.problem());
        }
    }

    /**
     * Records a round that ended without an outcome (a stall, an error) or a broken resource bound.
     *
     * @param kind the kind of round, or {@code resources}
     * @param problem what went wrong
     */
    void fail(String kind, String problem) {
        if (!"resources".equals(kind)) {
            rounds++;
            kinds.computeIfAbsent(kind, k -> new long[9])[0]++;
        }
        kinds.computeIfAbsent(kind, k -> new long[9])[8]++;
        failures.add(problem);
    }

    int rounds() {
        return rounds;
    }

    int failures() {
        return failures.size();
    }

    long messages() {
        return kinds.values().stream().mapToLong(row -> row[2]).sum();
    }

    long duplicates() {
        return kinds.values().stream().mapToLong(row -> row[4] + row[5]).sum();
    }

    /**
     * Prints one line per kind and the failures (the first {@value #FAILURES_LISTED}).
     *
     * @param out where to
     */
    void print(PrintStream out) {
        out.println("soak: kind: rounds (with a fault), sent, delivered, duplicates without/with a fault, "
                + "lost where allowed, PUB drops counted, failed rounds");
        for (Map.Entry<String, long[]> entry : kinds.entrySet()) {
            long[] row = entry.getValue();
            out.println(String.format(Locale.ROOT, "soak: %s: %d (%d), %d, %d, %d/%d, %d, %d, %d", entry.getKey(),
                    row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8]));
        }
        for (String failure : failures.subList(0, Math.min(FAILURES_LISTED, failures.size()))) {
            out.println("soak: failure: " + failure);
        }
        if (failures.size() > FAILURES_LISTED) {
            out.println("soak: ... and " + (failures.size() - FAILURES_LISTED) + " more failures");
        }
    }
}
