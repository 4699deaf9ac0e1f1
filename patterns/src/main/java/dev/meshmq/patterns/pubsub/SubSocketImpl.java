package dev.meshmq.patterns.pubsub;

import dev.meshmq.Message;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketType;
import dev.meshmq.SubSocket;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.core.Timeouts;
import java.time.Duration;
import java.util.Optional;

/**
 * SUB: fair-queued receipt from every publisher, filtered again locally by this socket's own
 * subscriptions, which go to every publisher link (and to each new one when it attaches; the
 * transport replays them after a reconnect).
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
public final class SubSocketImpl extends SubscribingSocket implements SubSocket {

    private volatile boolean conflate;
    private volatile boolean invert;

    /** Creates the socket in the context {@code context}; called by the context only. */
    public SubSocketImpl(SocketHost context) {
        super(context, SocketType.SUB);
    }

    @Override
    protected void optionsChanged() {
        conflate = get(SocketOptions.CONFLATE);
        invert = get(SocketOptions.INVERT_MATCHING);
    }

    @Override
    protected boolean attemptSend(Message message) {
        throw new UnsupportedOperationException("a SUB socket cannot send");
    }

    @Override
    protected Message attemptReceive() {
        boolean conflate = this.conflate;
        boolean invert = this.invert;
        Message newest = null;
        Message message;
        while ((message = links.receive()) != null) {
            if (links.matches(message) != invert) {
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
        runAsOwner(() -> links.subscribe(copy));
    }

    @Override
    public void unsubscribe(byte[] topic) {
        byte[] copy = topic.clone();
        runAsOwner(() -> links.unsubscribe(copy));
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
