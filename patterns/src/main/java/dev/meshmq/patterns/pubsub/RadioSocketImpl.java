package dev.meshmq.patterns.pubsub;

import dev.meshmq.Groups;
import dev.meshmq.Message;
import dev.meshmq.PublisherStatistics;
import dev.meshmq.RadioSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.core.Timeouts;
import dev.meshmq.transport.PeerLink;
import java.time.Duration;

/**
 * RADIO: sends each single-frame message to the DISH links that joined its group ({@link RadioGroups}),
 * dropping for those at their high-water mark; never waits. Joins are read from the links whenever the
 * socket handles events.
 *
 * <p>Thread-safety: safe for any number of threads ({@link SocketBase} takes its lock for this type);
 * {@link #publisherStatistics()} from any thread.
 */
public final class RadioSocketImpl extends SocketBase implements RadioSocket {

    private final RadioGroups groups = new RadioGroups(counters());

    /** Creates the socket in the context {@code context}; called by the context only. */
    public RadioSocketImpl(SocketHost context) {
        super(context, SocketType.RADIO);
    }

    @Override
    protected boolean admit(PeerLink link) {
        groups.add(link);
        groups.readFrom(link, get(SocketOptions.MAX_SUBSCRIPTIONS));
        return true;
    }

    @Override
    protected void linkDetached(PeerLink link) {
        groups.remove(link);
    }

    @Override
    protected void linkReadable(PeerLink link) {
        groups.readFrom(link, get(SocketOptions.MAX_SUBSCRIPTIONS));
    }

    @Override
    protected void linkWritable(PeerLink link) {
        // a RADIO drops for a full peer rather than wait: nothing to retry
    }

    /** A RADIO drops for full peers rather than wait, so a poller always sees it ready. */
    @Override
    protected boolean canSendNow() {
        return true;
    }

    @Override
    protected boolean attemptSend(Message message) {
        if (message.size() != 1) {
            throw new IllegalArgumentException("a RADIO socket sends single-frame messages only, not "
                    + message.size() + " frames");
        }
        groups.send(message);
        return true;
    }

    @Override
    protected Message attemptReceive() {
        throw new UnsupportedOperationException("a RADIO socket cannot receive");
    }

    @Override
    public void send(Message message) {
        sendWithin(message, null);
    }

    @Override
    public boolean send(Message message, Duration timeout) {
        return sendWithin(message, Timeouts.requireTimeout(timeout));
    }

    @Override
    public PublisherStatistics publisherStatistics() {
        return groups.statistics();
    }

    @Override
    public boolean awaitJoined(String group, int count, Duration timeout) {
        Groups.check(group);
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        return awaitCondition(() -> groups.joined(group) >= count, Timeouts.requireTimeout(timeout));
    }
}
