package dev.meshmq.patterns.pubsub;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketType;
import dev.meshmq.XPubSocket;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.core.Timeouts;
import dev.meshmq.transport.PeerLink;
import dev.meshmq.transport.SubscriptionWire;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * XPUB: a PUB whose application also receives the subscriptions (as 0x01/0x00-prefixed messages,
 * filtered by XPUB_VERBOSE/XPUB_VERBOSER) and anything else the subscribers send, may apply
 * subscriptions itself (XPUB_MANUAL), and greets new subscribers (XPUB_WELCOME_MSG).
 *
 * <p>Thread-safety: see {@link SocketBase}; {@link #publisherStatistics()} from any thread.
 */
public final class XPubSocketImpl extends PublishingSocket implements XPubSocket {

    private final ArrayDeque<Received> forApplication = new ArrayDeque<>();
    private PeerLink lastSubscriber;

    /** A message waiting for the application, and the subscriber it came from if it is a subscription. */
    private record Received(Message message, PeerLink from) {
    }

    /** Creates the socket in the context {@code context}; called by the context only. */
    public XPubSocketImpl(SocketHost context) {
        super(context, SocketType.XPUB);
    }

    @Override
    protected boolean admit(PeerLink link) {
        publisher.add(link);
        Frame welcome = get(SocketOptions.XPUB_WELCOME_MSG);
        if (!welcome.isEmpty()) {
            link.outbound().write(Message.of(welcome));
        }
        publisher.readFrom(link, this);
        return true;
    }

    @Override
    protected void linkDetached(PeerLink link) {
        publisher.readFrom(link, this);
        publisher.remove(link).forEach(this::orphaned);
        if (link == lastSubscriber) {
            lastSubscriber = null;
        }
        forApplication.removeIf(received -> received.from() == link);
    }

    @Override
    protected Message attemptReceive() {
        Received received = forApplication.poll();
        if (received == null) {
            return null;
        }
        if (received.from() != null) {
            lastSubscriber = received.from();
        }
        return received.message();
    }

    @Override
    public void subscription(PeerLink link, boolean subscribe, byte[] topic) {
        boolean report;
        if (get(SocketOptions.XPUB_MANUAL)) {
            report = true;
        } else if (subscribe) {
            if (!publisher.admitSubscribe(link, topic, get(SocketOptions.MAX_SUBSCRIPTIONS))) {
                return;
            }
            report = publisher.subscribe(link, topic) || get(SocketOptions.XPUB_VERBOSE)
                    || get(SocketOptions.XPUB_VERBOSER);
        } else {
            report = reportsCancel(publisher.cancel(link, topic));
        }
        if (report) {
            forApplication.add(new Received(SubscriptionWire.message(subscribe, topic), link));
        }
    }

    /**
     * Whether the application sees a cancel. Always when the topic's last holder left, or when nobody
     * held it at all (libzmq 4.3.4 passes such a cancel up at every verbosity; "nobody holds it" stays
     * true for the application). With XPUB_VERBOSER every cancel, also one for a topic only others
     * hold, which libzmq passes up at every verbosity too; MeshMQ does not, below XPUB_VERBOSER,
     * because the application would then believe the topic lost its last subscriber.
     */
    private boolean reportsCancel(SubscriptionIndex.Removal removal) {
        return removal == SubscriptionIndex.Removal.LAST || removal == SubscriptionIndex.Removal.NOBODY_HELD
                || get(SocketOptions.XPUB_VERBOSER);
    }

    @Override
    public void other(Message message) {
        forApplication.add(new Received(message, null));
    }

    @Override
    public boolean onlyFirstSubscribe() {
        return get(SocketOptions.ONLY_FIRST_SUBSCRIBE);
    }

    @Override
    public void orphaned(byte[] topic) {
        forApplication.add(new Received(SubscriptionWire.message(false, topic), null));
    }

    @Override
    public void subscribe(byte[] topic) {
        manual(true, topic);
    }

    @Override
    public void unsubscribe(byte[] topic) {
        manual(false, topic);
    }

    private void manual(boolean subscribe, byte[] topic) {
        byte[] copy = topic.clone();
        runAsOwner(() -> {
            if (!get(SocketOptions.XPUB_MANUAL)) {
                throw new IllegalStateException("XPUB_MANUAL is off: this XPUB applies subscriptions itself");
            }
            if (lastSubscriber == null) {
                throw new IllegalStateException("no subscriber to apply the subscription to: none received yet");
            }
            if (subscribe) {
                publisher.subscribe(lastSubscriber, copy);
            } else {
                publisher.cancel(lastSubscriber, copy);
            }
        });
    }

    @Override
    public Message receive() {
        return receiveWithin(null);
    }

    @Override
    public Optional<Message> receive(Duration timeout) {
        return Optional.ofNullable(receiveWithin(Timeouts.requireTimeout(timeout)));
    }
}
