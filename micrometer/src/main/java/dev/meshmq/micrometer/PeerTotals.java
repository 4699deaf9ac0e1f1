package dev.meshmq.micrometer;

import dev.meshmq.PeerStatistics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Turns one per-connection counter of {@link PeerStatistics} into a socket-wide total that never
 * decreases: the sum over the connections present now, plus the last value seen of every connection
 * that has gone since (or whose counter went down, which a new connection under the same key does).
 *
 * <p>Thread-safety: {@link #total(List)} is synchronized; meters may be read from several threads.
 */
final class PeerTotals {

    private final ToLongFunction<PeerStatistics> counter;
    private final Map<String, Long> lastSeen = new HashMap<>();
    private long retired;

    PeerTotals(ToLongFunction<PeerStatistics> counter) {
        this.counter = counter;
    }

    synchronized long total(List<PeerStatistics> peers) {
        Map<String, Long> now = new HashMap<>();
        for (PeerStatistics peer : peers) {
            now.merge(peer.endpoint() + '|' + peer.remoteAddress(), counter.applyAsLong(peer), Long::sum);
        }
        for (Map.Entry<String, Long> seen : lastSeen.entrySet()) {
            Long current = now.get(seen.getKey());
            if (current == null && seen.getKey().endsWith("|")) {
                current = firstHandshakeOf(seen.getKey(), now);
            }
            if (current == null || current < seen.getValue()) {
                retired += seen.getValue();
            }
        }
        lastSeen.clear();
        lastSeen.putAll(now);
        long sum = retired;
        for (long value : now.values()) {
            sum += value;
        }
        return sum;
    }

    /**
     * A connect-side link reports an empty remote address until its first handshake, and keeps its
     * counters after it: the same link under its new key is not a connection that has gone.
     */
    private Long firstHandshakeOf(String emptyKey, Map<String, Long> now) {
        for (Map.Entry<String, Long> candidate : now.entrySet()) {
            String key = candidate.getKey();
            if (key.startsWith(emptyKey) && !lastSeen.containsKey(key)) {
                return candidate.getValue();
            }
        }
        return null;
    }
}
