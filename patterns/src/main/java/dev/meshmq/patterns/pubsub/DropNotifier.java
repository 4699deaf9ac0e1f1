package dev.meshmq.patterns.pubsub;

import dev.meshmq.DropListener;
import dev.meshmq.transport.SafeLogger;

/**
 * Holds a publisher's {@link DropListener} and calls it when a subscriber starts or stops dropping,
 * shielding the publisher from exceptions the listener throws. Without a listener it does nothing.
 *
 * <p>Thread-safety: {@link #set} from any thread; {@link #notify} on the publishing thread.
 */
final class DropNotifier {

    /** The logger's name: the class's name before the patterns package was split, kept for logging configurations. */
    static final String LOGGER_NAME = "dev.meshmq.patterns.DropNotifier";
    private static final System.Logger LOG = SafeLogger.named(LOGGER_NAME);

    private volatile DropListener listener;

    void set(DropListener listener) {
        this.listener = listener;
    }

    void notify(Subscriber subscriber, boolean started, long droppedInRun, long droppedTotal) {
        DropListener current = listener;
        if (current == null) {
            return;
        }
        try {
            current.dropsChanged(new DropListener.Event(started, subscriber.link.endpoint(),
                    subscriber.remoteAddress(), droppedInRun, droppedTotal));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a DropListener threw; ignored", e);
        }
    }
}
