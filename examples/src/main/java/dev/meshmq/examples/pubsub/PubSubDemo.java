package dev.meshmq.examples.pubsub;

import com.google.protobuf.ByteString;
import dev.meshmq.Context;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.PubSocket;
import dev.meshmq.PublisherStatistics;
import dev.meshmq.SocketOptions;
import dev.meshmq.examples.Threads;
import dev.meshmq.proto.ProtobufCodec;
import dev.meshmq.proto.examples.Event;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Pub/sub fan-out: a publisher sends protobuf {@link Event}s on topics ({@code [topic, event]}
 * messages, so subscribers filter on the first frame) to subscribers with different subscriptions.
 * It waits for its subscribers before publishing ({@link PubSocket#awaitSubscribers}), so none misses
 * the start; a late joiner comes in between two rounds and the publisher waits for it too. One
 * subscriber is slow (it reads nothing until the publisher is done, with a small queue): the
 * publisher drops what does not fit for it, and the report shows the drops from
 * {@link PublisherStatistics}.
 *
 * <p>Thread-safety: a program; {@link #run} uses one thread per subscriber.
 */
public final class PubSubDemo {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final ProtobufCodec<Event> EVENTS = ProtobufCodec.of(Event.parser());
    private static final String[] TOPICS = {"orders.created", "prices.eur", "orders.shipped", "alerts.disk"};
    private static final String[] END_TOPICS = {"orders.", "prices.", "alerts."};
    private static final String END = "end";
    private static final int SEND_HWM = 100;
    private static final int SLOW_HWM = 10;

    private final int eventsPerRound;
    private long sequence;

    /**
     * Describes a run.
     *
     * @param eventsPerRound events published before and again after the late joiner comes
     */
    public PubSubDemo(int eventsPerRound) {
        this.eventsPerRound = eventsPerRound;
    }

    /**
     * Runs the fan-out and prints the report.
     *
     * @param out where the report goes
     * @return true if every subscriber that kept up got every event it subscribed to
     */
    public boolean run(PrintStream out) {
        try (Context context = Context.create(); PubSocket publisher = context.createPub()) {
            publisher.set(SocketOptions.SEND_HWM, SEND_HWM);
            String endpoint = publisher.bind("inproc://pubsub-demo");
            CountDownLatch go = new CountDownLatch(0);
            CountDownLatch slowRelease = new CountDownLatch(1);
            List<EventSubscriber> early = List.of(
                    new EventSubscriber(context, endpoint, "orders-desk", "orders.", 1000, go, out),
                    new EventSubscriber(context, endpoint, "price-ticker", "prices.", 1000, go, out),
                    new EventSubscriber(context, endpoint, "auditor", "", 1000, go, out),
                    new EventSubscriber(context, endpoint, "archive (slow)", "", SLOW_HWM, slowRelease, out));
            out.printf("pubsub: publisher on %s (SEND_HWM %d), %d events per round on %s%n", endpoint, SEND_HWM,
                    eventsPerRound, String.join(", ", TOPICS));
            early.forEach(subscriber -> Threads.start(subscriber.name(), subscriber));
            awaitSubscribers(publisher, early.size(), out);
            List<Event> firstRound = publishRound(publisher);
            EventSubscriber late = new EventSubscriber(context, endpoint, "alert-dashboard (late)",
                    "alerts.", 1000, go, out);
            Threads.start(late.name(), late);
            awaitSubscribers(publisher, early.size() + 1, out);
            List<Event> secondRound = publishRound(publisher);
            for (String prefix : END_TOPICS) {
                publisher.send(encode(Event.newBuilder().setTopic(prefix + "end").setSequence(++sequence)
                        .putAttributes(END, "true").build()));
            }
            slowRelease.countDown();
            List<EventSubscriber> everyone = new ArrayList<>(early);
            everyone.add(late);
            everyone.forEach(EventSubscriber::await);
            List<Event> all = new ArrayList<>(firstRound);
            all.addAll(secondRound);
            return report(everyone, all, secondRound, publisher.publisherStatistics(), out);
        }
    }

    /** Whether an event is one of the end markers, one per topic family, sent after the last event. */
    static boolean isEndMarker(Event event) {
        return event.containsAttributes(END);
    }

    private void awaitSubscribers(PubSocket publisher, int count, PrintStream out) {
        if (!publisher.awaitSubscribers(count, TIMEOUT)) {
            throw new IllegalStateException("fewer than " + count + " subscribers within " + TIMEOUT);
        }
        out.printf("publisher: %d subscribers in place after event #%d%n", count, sequence);
    }

    private List<Event> publishRound(PubSocket publisher) {
        List<Event> round = new ArrayList<>();
        for (int i = 0; i < eventsPerRound; i++) {
            String topic = TOPICS[(int) (sequence % TOPICS.length)];
            Event event = Event.newBuilder().setTopic(topic).setSequence(++sequence)
                    .setTimestampMicros(System.currentTimeMillis() * 1000).putAttributes("source", "pubsub-demo")
                    .setBody(ByteString.copyFromUtf8("event " + sequence + " on " + topic)).build();
            publisher.send(encode(event));
            round.add(event);
        }
        return round;
    }

    private static Message encode(Event event) {
        return Message.of(Frame.of(event.getTopic()), EVENTS.encode(event));
    }

    private static boolean report(List<EventSubscriber> subscribers, List<Event> all, List<Event> afterLateJoin,
            PublisherStatistics statistics, PrintStream out) {
        boolean complete = true;
        for (EventSubscriber subscriber : subscribers) {
            boolean late = subscriber.name().contains("late");
            boolean slow = subscriber.name().contains("slow");
            long expected = (late ? afterLateJoin : all).stream().filter(e -> subscriber.matches(e.getTopic()))
                    .count();
            String verdict = subscriber.received() == expected ? "all of them"
                    : slow ? "the publisher dropped " + (expected - subscriber.received()) + " for it" : "MISSING";
            complete &= slow || subscriber.received() == expected;
            out.printf("  %-22s %-10s got %4d of %4d events (#%d..#%d): %s%n", subscriber.name(),
                    subscriber.topicLabel(), subscriber.received(), expected, subscriber.firstSequence(),
                    subscriber.lastSequence(), verdict);
        }
        out.printf("publisher: %,d published (3 end markers included), %,d copies queued, %,d dropped at a"
                + " subscriber's high-water mark%n",
                statistics.messagesPublished(), statistics.messagesSent(), statistics.messagesDropped());
        out.println(complete ? "every subscriber that kept up got every event" : "SOME EVENTS WENT MISSING");
        return complete;
    }
}
