package dev.meshmq.testsupport;

import static org.awaitility.Awaitility.await;

import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Collects a monitor's events for assertions.
 *
 * <p>Thread-safety: the monitor's thread adds events while the test thread reads and awaits them
 * (a copy-on-write list).
 */
public final class MonitorEvents implements Consumer<MonitorEvent> {

    private final List<MonitorEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(MonitorEvent event) {
        events.add(event);
    }

    public List<MonitorEventType> types() {
        List<MonitorEventType> types = new ArrayList<>();
        for (MonitorEvent event : events) {
            types.add(event.type());
        }
        return types;
    }

    public List<MonitorEvent> events() {
        return List.copyOf(events);
    }

    public long count(MonitorEventType type) {
        return events.stream().filter(event -> event.type() == type).count();
    }

    public MonitorEvent awaitEvent(MonitorEventType type, Duration timeout) {
        await().atMost(timeout).until(() -> count(type) > 0);
        return events.stream().filter(event -> event.type() == type).findFirst().orElseThrow();
    }

    public void awaitCount(MonitorEventType type, long count, Duration timeout) {
        await().atMost(timeout).until(() -> count(type) >= count);
    }

    /** True if {@code expected} occur in this order among the events (others may come between). */
    public boolean inOrder(MonitorEventType... expected) {
        int next = 0;
        for (MonitorEventType type : types()) {
            if (next < expected.length && type == expected[next]) {
                next++;
            }
        }
        return next == expected.length;
    }
}
