package dev.meshmq.patterns.pubsub;

import dev.meshmq.Message;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketType;
import dev.meshmq.XSubSocket;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.core.Timeouts;
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
public final class XSubSocketImpl extends SubscribingSocket implements XSubSocket {

    /** Creates the socket in the context {@code context}; called by the context only. */
    public XSubSocketImpl(SocketHost context) {
        super(context, SocketType.XSUB);
    }

    /** Subscriptions are kept until there is room and other messages dropped, so sends never wait. */
    @Override
    protected boolean canSendNow() {
        return true;
    }

    @Override
    protected boolean attemptSend(Message message) {
        if (FirstFrameSubscription.carriesOne(message) && get(SocketOptions.ONLY_FIRST_SUBSCRIBE)) {
            links.carry(FirstFrameSubscription.subscribes(message), FirstFrameSubscription.topic(message), message);
        } else if (!SubscriptionWire.isSubscription(message)) {
            links.forward(message);
        } else if (SubscriptionWire.isSubscribe(message)) {
            links.subscribe(SubscriptionWire.topic(message));
        } else {
            links.unsubscribe(SubscriptionWire.topic(message));
        }
        return true;
    }

    @Override
    protected Message attemptReceive() {
        return links.receive();
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
    public Message receive() {
        return receiveWithin(null);
    }

    @Override
    public Optional<Message> receive(Duration timeout) {
        return Optional.ofNullable(receiveWithin(Timeouts.requireTimeout(timeout)));
    }
}
