package dev.meshmq.micrometer;

import dev.meshmq.PeerStatistics;
import dev.meshmq.PubSocket;
import dev.meshmq.PublisherStatistics;
import dev.meshmq.Socket;
import dev.meshmq.SocketStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Registers the meters {@link MeshMetrics} documents for one socket. Every meter holds the socket
 * strongly (a binding must not turn to NaN because the caller dropped its handle) and reads a fresh
 * snapshot when the registry asks.
 *
 * <p>Thread-safety: used by one thread during {@link #register}; the meters it creates may be read from
 * any thread.
 */
final class SocketMeters {

    private final Socket socket;
    private final MeterRegistry registry;
    private final Tags tags;
    private final List<Meter> meters = new ArrayList<>();

    private SocketMeters(Socket socket, MeterRegistry registry, Tags tags) {
        this.socket = socket;
        this.registry = registry;
        this.tags = tags;
    }

    static MeshMetricsBinding register(Socket socket, MeterRegistry registry, Tags tags) {
        SocketMeters meters = new SocketMeters(socket, registry, tags);
        meters.registerSocketMeters();
        if (socket instanceof PubSocket) {
            meters.registerPublisherMeters((PubSocket) socket);
        }
        return new MeshMetricsBinding(registry, meters.meters);
    }

    private void registerSocketMeters() {
        counter("meshmq.messages", "messages sent by the application", Tags.of("direction", "sent"),
                SocketStatistics::messagesSent);
        counter("meshmq.messages", "messages received by the application", Tags.of("direction", "received"),
                SocketStatistics::messagesReceived);
        PeerTotals bytesOut = new PeerTotals(PeerStatistics::bytesOut);
        PeerTotals bytesIn = new PeerTotals(PeerStatistics::bytesIn);
        counter("meshmq.bytes", "body bytes queued for peers", Tags.of("direction", "sent"),
                s -> bytesOut.total(s.peers()));
        counter("meshmq.bytes", "body bytes received from peers", Tags.of("direction", "received"),
                s -> bytesIn.total(s.peers()));
        counter("meshmq.messages.dropped", "messages no peer matched", Tags.of("reason", "unroutable"),
                SocketStatistics::droppedUnroutable);
        counter("meshmq.messages.dropped", "messages dropped at a peer's high-water mark",
                Tags.of("reason", "hwm"), SocketStatistics::droppedAtHwm);
        counter("meshmq.messages.discarded.at.close", "queued messages the linger could not deliver",
                Tags.empty(), SocketStatistics::discardedAtClose);
        counter("meshmq.messages.discarded.at.disconnect", "queued messages lost with a peer that does not reconnect",
                Tags.empty(), SocketStatistics::discardedAtDisconnect);
        PeerTotals reconnects = new PeerTotals(PeerStatistics::reconnects);
        counter("meshmq.reconnects", "connect-side connections made again", Tags.empty(),
                s -> reconnects.total(s.peers()));
        counter("meshmq.handshakes.evicted", "accepted connections closed during their handshake",
                Tags.empty(), SocketStatistics::handshakesEvicted);
        counter("meshmq.authentication.failures", "handshakes that failed authentication, either side",
                Tags.empty(), SocketStatistics::authenticationFailures);
        gauge("meshmq.peers", "peer connections", Tags.empty(), s -> s.peers().size());
        gauge("meshmq.queue.depth", "messages queued towards peers", Tags.of("direction", "out"),
                s -> sum(s.peers(), PeerStatistics::queuedOut));
        gauge("meshmq.queue.depth", "messages from peers not yet received", Tags.of("direction", "in"),
                s -> sum(s.peers(), PeerStatistics::queuedIn));
        gauge("meshmq.queue.fill", "fullest outgoing peer queue against its high-water mark",
                Tags.of("direction", "out"), s -> fullest(s.peers(), true));
        gauge("meshmq.queue.fill", "fullest incoming peer queue against its high-water mark",
                Tags.of("direction", "in"), s -> fullest(s.peers(), false));
    }

    private void registerPublisherMeters(PubSocket publisher) {
        publisherCounter(publisher, "published", "messages the application published",
                PublisherStatistics::messagesPublished);
        publisherCounter(publisher, "sent", "copies queued for subscribers", PublisherStatistics::messagesSent);
        publisherCounter(publisher, "dropped", "copies dropped at a subscriber's high-water mark",
                PublisherStatistics::messagesDropped);
    }

    private void counter(String name, String description, Tags extra, ToLongFunction<SocketStatistics> read) {
        // The function captures the socket: FunctionCounter keeps its object weakly, its function strongly.
        meters.add(FunctionCounter.builder(name, socket, ignored -> read.applyAsLong(socket.statistics()))
                .description(description).tags(tags.and(extra)).register(registry));
    }

    private void gauge(String name, String description, Tags extra, ToDoubleFunction<SocketStatistics> read) {
        meters.add(Gauge.builder(name, socket, s -> read.applyAsDouble(s.statistics()))
                .description(description).tags(tags.and(extra)).strongReference(true).register(registry));
    }

    private void publisherCounter(PubSocket publisher, String outcome, String description,
            ToLongFunction<PublisherStatistics> read) {
        meters.add(FunctionCounter.builder("meshmq.publisher.messages", publisher,
                ignored -> read.applyAsLong(publisher.publisherStatistics())).description(description)
                .tags(tags.and("outcome", outcome)).register(registry));
    }

    private static long sum(List<PeerStatistics> peers, ToLongFunction<PeerStatistics> read) {
        long sum = 0;
        for (PeerStatistics peer : peers) {
            sum += read.applyAsLong(peer);
        }
        return sum;
    }

    private static double fullest(List<PeerStatistics> peers, boolean outgoing) {
        double fullest = 0;
        for (PeerStatistics peer : peers) {
            int hwm = outgoing ? peer.sendHwm() : peer.receiveHwm();
            long depth = outgoing ? peer.queuedOut() : peer.queuedIn();
            if (hwm > 0) {
                fullest = Math.max(fullest, Math.min(1.0, (double) depth / hwm));
            }
        }
        return fullest;
    }
}
