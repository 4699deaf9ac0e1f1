package dev.meshmq.examples.pubsub;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.SocketOptions;
import dev.meshmq.SubSocket;
import dev.meshmq.proto.ProtobufCodec;
import dev.meshmq.proto.examples.Event;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One subscriber of the fan-out on its own thread: subscribes to its topic, connects, waits until it
 * is let go (a slow subscriber is held back while the publisher runs), then counts the
 * {@link Event}s it receives until an end marker comes ({@link PubSubDemo#isEndMarker}), or until
 * none came for a while (a slow subscriber may have missed the marker).
 *
 * <p>One subscription each, on purpose: {@link dev.meshmq.PubSocket#awaitSubscribers} counts a
 * subscriber once it holds one subscription, so a second one might not be in place yet.
 *
 * <p>Thread-safety: the counters are read only after {@link #await} returned.
 */
final class EventSubscriber implements Runnable {

    private static final ProtobufCodec<Event> EVENTS = ProtobufCodec.of(Event.parser());
    private static final Duration IDLE = Duration.ofMillis(300);

    private final Context context;
    private final String endpoint;
    private final String name;
    private final String topic;
    private final int receiveHwm;
    private final CountDownLatch release;
    private final CountDownLatch done = new CountDownLatch(1);
    private final PrintStream out;
    private int received;
    private long firstSequence;
    private long lastSequence;

    EventSubscriber(Context context, String endpoint, String name, String topic, int receiveHwm,
            CountDownLatch release, PrintStream out) {
        this.context = context;
        this.endpoint = endpoint;
        this.name = name;
        this.topic = topic;
        this.receiveHwm = receiveHwm;
        this.release = release;
        this.out = out;
    }

    @Override
    public void run() {
        try (SubSocket sub = context.createSub()) {
            sub.set(SocketOptions.RECEIVE_HWM, receiveHwm);
            sub.subscribe(topic);
            sub.connect(endpoint);
            release.await(PubSubDemo.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (Optional<Message> next = sub.receive(PubSubDemo.TIMEOUT); next.isPresent(); next = sub.receive(IDLE)) {
                Optional<Event> event = EVENTS.tryDecode(next.get().frame(1),
                        error -> out.println(name + ": " + error.getMessage()));
                if (event.isPresent() && PubSubDemo.isEndMarker(event.get())) {
                    break;
                }
                event.ifPresent(this::count);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done.countDown();
        }
    }

    private void count(Event event) {
        if (received == 0) {
            firstSequence = event.getSequence();
        }
        received++;
        lastSequence = event.getSequence();
    }

    boolean matches(String eventTopic) {
        return eventTopic.startsWith(topic);
    }

    void await() {
        try {
            if (!done.await(PubSubDemo.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " did not finish within " + PubSubDemo.TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    String name() {
        return name;
    }

    /** The subscription, for the report: "everything" for the empty prefix. */
    String topicLabel() {
        return topic.isEmpty() ? "everything" : topic;
    }

    int received() {
        return received;
    }

    long firstSequence() {
        return firstSequence;
    }

    long lastSequence() {
        return lastSequence;
    }
}
