package dev.meshmq.patterns.proxy;

import dev.meshmq.Message;
import dev.meshmq.MessageReceiver;
import dev.meshmq.MessageSender;
import dev.meshmq.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One direction of a proxy: takes messages from a source socket and sends them to a destination without
 * waiting. A message the destination refuses is held until the destination has room; while one is held,
 * nothing more is taken from the source, so order is kept and the source's queue fills as usual.
 *
 * <p>Thread-safety: {@link #forward} and {@link #discardHeld()} on the proxy thread; the counters from any
 * thread.
 */
final class ProxyDirection {

    /** At most this many messages per call to {@link #forward}, so the proxy checks its steering often. */
    private static final int BATCH = 256;

    final Socket source;
    final Socket destination;
    private final MessageReceiver receiver;
    private final MessageSender sender;
    private final ProxyCapture capture;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private Message held;

    ProxyDirection(Socket source, Socket destination, ProxyCapture capture) {
        this.source = source;
        this.destination = destination;
        this.receiver = (MessageReceiver) source;
        this.sender = (MessageSender) destination;
        this.capture = capture;
    }

    /** Whether a message taken from the source waits for room at the destination. */
    boolean holding() {
        return held != null;
    }

    /** Sends the held message if the destination takes it now, then forwards what the source has. */
    void forward() {
        if (held != null) {
            if (!sender.send(held, Duration.ZERO)) {
                return;
            }
            sent(held);
            held = null;
        }
        for (int i = 0; i < BATCH; i++) {
            Optional<Message> next = receiver.receive(Duration.ZERO);
            if (next.isEmpty()) {
                return;
            }
            Message message = next.get();
            if (!sender.send(message, Duration.ZERO)) {
                held = message;
                return;
            }
            sent(message);
        }
    }

    private void sent(Message message) {
        messages.lazySet(messages.get() + 1);
        bytes.lazySet(bytes.get() + message.byteCount());
        capture.copy(message);
    }

    /** Drops the held message, if any; returns 1 if one was dropped. */
    int discardHeld() {
        int discarded = held == null ? 0 : 1;
        held = null;
        return discarded;
    }

    long messages() {
        return messages.get();
    }

    long bytes() {
        return bytes.get();
    }
}
