package dev.meshmq.patterns.proxy;

import dev.meshmq.Message;
import dev.meshmq.MessageSender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a proxy sends copies of what it forwards: a capture socket, or nowhere. A copy the socket cannot
 * take at once is not sent, only counted, so a slow capture never holds up the proxy.
 *
 * <p>Thread-safety: {@link #copy} on the proxy thread; {@link #missed()} from any thread.
 */
final class ProxyCapture {

    private final MessageSender socket;
    private final AtomicLong missed = new AtomicLong();

    /** @param socket the capture socket, or null for none */
    ProxyCapture(MessageSender socket) {
        this.socket = socket;
    }

    void copy(Message message) {
        if (socket != null && !socket.send(message, Duration.ZERO)) {
            missed.lazySet(missed.get() + 1);
        }
    }

    long missed() {
        return missed.get();
    }
}
