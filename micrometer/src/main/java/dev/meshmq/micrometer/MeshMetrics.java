package dev.meshmq.micrometer;

import dev.meshmq.PubSocket;
import dev.meshmq.Socket;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.Objects;

/**
 * Binds a socket's statistics ({@link Socket#statistics()}, and {@link PubSocket#publisherStatistics()}
 * for PUB and XPUB) to a Micrometer {@link MeterRegistry}. There is no polling thread: each meter is a
 * function counter or gauge that takes a fresh snapshot of the socket's statistics when the registry
 * reads it (at each scrape or publish), and a snapshot costs the socket no synchronisation on its
 * sending and receiving path.
 *
 * <p>Meters, each tagged {@code socket.type} (the socket's type) and {@code endpoint} (the socket's last
 * bound endpoint, or {@code "none"} if it never bound; pass your own {@code endpoint} tag to override),
 * plus the tags given:
 * <ul>
 *   <li>{@code meshmq.messages} (counter, tag {@code direction=sent|received}): messages sent and received
 *   by the application;</li>
 *   <li>{@code meshmq.bytes} (counter, tag {@code direction=sent|received}): body bytes queued for peers
 *   and received from them;</li>
 *   <li>{@code meshmq.messages.dropped} (counter, tag {@code reason=unroutable|hwm}): messages the pattern
 *   dropped;</li>
 *   <li>{@code meshmq.messages.discarded.at.close} (counter): queued messages that LINGER could not
 *   deliver;</li>
 *   <li>{@code meshmq.messages.discarded.at.disconnect} (counter): messages that were queued for a peer
 *   whose connection ended on a link that does not reconnect (an accepted connection);</li>
 *   <li>{@code meshmq.reconnects} (counter): connect-side connections made again;</li>
 *   <li>{@code meshmq.handshakes.evicted} (counter): accepted connections closed in their handshake;</li>
 *   <li>{@code meshmq.authentication.failures} (counter): handshakes that failed authentication;</li>
 *   <li>{@code meshmq.peers} (gauge): peer connections now;</li>
 *   <li>{@code meshmq.queue.depth} (gauge, tag {@code direction=out|in}): messages queued in all peer
 *   queues;</li>
 *   <li>{@code meshmq.queue.fill} (gauge, tag {@code direction=out|in}): the fullest peer queue as a
 *   fraction of its high-water mark, 0 to 1 (0 when the mark is unlimited);</li>
 *   <li>PUB and XPUB only, {@code meshmq.publisher.messages} (counter, tag
 *   {@code outcome=published|sent|dropped}): messages published, copies queued for subscribers, copies
 *   dropped at a subscriber's high-water mark.</li>
 * </ul>
 *
 * <p>Bytes and reconnects are counted per peer connection by the socket; the binding adds up the
 * connections it sees at each read and keeps the totals of connections that have gone, so the counters
 * never go backwards. What a connection moved between the last read and its end is not counted.
 * {@code meshmq.authentication.failures} counts handshakes that failed authentication, on either side.
 *
 * <p>Thread-safety: the static methods may be called from any thread; the meters may be read from any
 * thread concurrently with the socket's owner using it.
 */
public final class MeshMetrics {

    private MeshMetrics() {
    }

    /**
     * Registers the meters of one socket.
     *
     * @param socket the socket; it may be closed later, its meters then keep their last values
     * @param registry where to register
     * @param tags extra tags for every meter (an {@code endpoint} tag here replaces the default)
     * @return the binding, whose {@link MeshMetricsBinding#close()} removes the meters again
     */
    public static MeshMetricsBinding bind(Socket socket, MeterRegistry registry, Iterable<Tag> tags) {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(registry, "registry");
        Tags all = Tags.of("socket.type", socket.type().name());
        String endpoint = socket.lastEndpoint();
        all = all.and("endpoint", endpoint.isEmpty() ? "none" : endpoint).and(Tags.of(tags));
        return SocketMeters.register(socket, registry, all);
    }

    /**
     * Registers the meters of one socket with no extra tags.
     *
     * @param socket the socket
     * @param registry where to register
     * @return the binding, to remove the meters again
     */
    public static MeshMetricsBinding bind(Socket socket, MeterRegistry registry) {
        return bind(socket, registry, Tags.empty());
    }
}
