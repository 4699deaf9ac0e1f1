package dev.meshmq.patterns;

import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.XSubSocket;
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
final class XSubSocketImpl extends SubscribingSocket implements XSubSocket {

    XSubSocketImpl(MeshContext context) {
        super(context, SocketType.XSUB);
    }

    /** Subscriptions are kept until there is room and other messages dropped, so sends never wait. */
    @Override
    boolean canSendNow() {
        return true;
    }

    @Override
    boolean attemptSend(Message message) {
        if (!SubscriptionWire.isSubscription(message)) {
            links.forward(message);
        } else if (SubscriptionWire.isSubscribe(message)) {
            links.subscribe(SubscriptionWire.topic(message));
        } else {
            links.unsubscribe(SubscriptionWire.topic(message));
        }
        return true;
    }

    @Override
    Message attemptReceive() {
        return links.receive();
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
