package dev.meshmq.patterns;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketType;
import dev.meshmq.SubSocket;
import dev.meshmq.transport.PeerLink;
import dev.meshmq.transport.SubscriptionWire;
import java.time.Duration;
import java.util.Optional;

/**
 * SUB: fair-queued receipt from every publisher, filtered again locally by this socket's own
 * subscriptions, which go to every publisher link (and to each new one when it attaches; the
 * transport replays them after a reconnect).
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
final class SubSocketImpl extends SocketBase implements SubSocket {

    private final FairQueue fairQueue = new FairQueue(link -> { });
    private final UpstreamWriter upstream = new UpstreamWriter();
    private final SubscriptionIndex<SubSocketImpl> subscriptions = new SubscriptionIndex<>();

    SubSocketImpl(MeshContext context) {
        super(context, SocketType.SUB);
    }

    @Override
    boolean admit(PeerLink link) {
        fairQueue.activate(link);
        upstream.add(link);
        subscriptions.forEachSubscription(this,
                topic -> upstream.send(link, SubscriptionWire.message(true, topic), false));
        return true;
    }

    @Override
    void linkDetached(PeerLink link) {
        fairQueue.activate(link);
        upstream.remove(link);
    }

    @Override
    void linkReadable(PeerLink link) {
        fairQueue.activate(link);
    }

    @Override
    void linkWritable(PeerLink link) {
        upstream.flush(link);
    }

    @Override
    boolean attemptSend(Message message) {
        throw new UnsupportedOperationException("a SUB socket cannot send");
    }

    @Override
    Message attemptReceive() {
        boolean conflate = get(SocketOptions.CONFLATE);
        boolean invert = get(SocketOptions.INVERT_MATCHING);
        Message newest = null;
        Message message;
        while ((message = fairQueue.receive()) != null) {
            Frame first = message.size() == 0 ? Frame.EMPTY : message.first();
            if (subscriptions.matchesAny(first) != invert) {
                if (!conflate) {
                    return message;
                }
                newest = message;
            }
        }
        return newest;
    }

    @Override
    public void subscribe(byte[] topic) {
        byte[] copy = topic.clone();
        runAsOwner(() -> {
            subscriptions.add(copy, this);
            upstream.sendToAll(SubscriptionWire.message(true, copy), false);
        });
    }

    @Override
    public void unsubscribe(byte[] topic) {
        byte[] copy = topic.clone();
        runAsOwner(() -> {
            if (subscriptions.remove(copy, this) != SubscriptionIndex.Removal.NOT_HELD) {
                upstream.sendToAll(SubscriptionWire.message(false, copy), false);
            }
        });
    }

    @Override
    public Message receive() {
        return receiveWithin(null);
    }

    @Override
    public Optional<Message> receive(Duration timeout) {
        return Optional.ofNullable(receiveWithin(PushSocketImpl.requireTimeout(timeout)));
    }
}
