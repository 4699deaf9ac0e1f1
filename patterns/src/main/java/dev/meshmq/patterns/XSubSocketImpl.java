package dev.meshmq.patterns;

import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.XSubSocket;
import dev.meshmq.transport.PeerLink;
import dev.meshmq.transport.SubscriptionWire;
import java.time.Duration;
import java.util.Optional;

/**
 * XSUB: subscriptions are messages the application sends (0x01/0x00 + topic); they go to every
 * publisher link, present and future, and other messages are forwarded to all of them. Received
 * messages are not filtered here.
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
final class XSubSocketImpl extends SocketBase implements XSubSocket {

    private final FairQueue fairQueue = new FairQueue(link -> { });
    private final UpstreamWriter upstream = new UpstreamWriter();
    private final SubscriptionIndex<XSubSocketImpl> subscriptions = new SubscriptionIndex<>();

    XSubSocketImpl(MeshContext context) {
        super(context, SocketType.XSUB);
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
        if (!SubscriptionWire.isSubscription(message)) {
            upstream.sendToAll(message, true);
            return true;
        }
        byte[] topic = SubscriptionWire.topic(message);
        if (SubscriptionWire.isSubscribe(message)) {
            subscriptions.add(topic, this);
            upstream.sendToAll(message, false);
        } else if (subscriptions.remove(topic, this) != SubscriptionIndex.Removal.NOT_HELD) {
            upstream.sendToAll(message, false);
        }
        return true;
    }

    @Override
    Message attemptReceive() {
        return fairQueue.receive();
    }

    @Override
    public void send(Message message) {
        sendWithin(message, null);
    }

    @Override
    public boolean send(Message message, Duration timeout) {
        return sendWithin(message, PushSocketImpl.requireTimeout(timeout));
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
