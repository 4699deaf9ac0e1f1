package dev.meshmq.patterns.core;

import dev.meshmq.Message;
import dev.meshmq.MessageReceiver;
import dev.meshmq.MessageSender;
import dev.meshmq.SocketType;
import java.time.Duration;
import java.util.Optional;

/**
 * The public send and receive calls of the patterns that do both, mapped onto
 * {@link SocketBase}'s retry loops.
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
public abstract class DuplexSocket extends SocketBase implements MessageSender, MessageReceiver {

    /** Creates the socket; see {@link SocketBase#SocketBase}. */
    protected DuplexSocket(SocketHost context, SocketType type) {
        super(context, type);
    }

    @Override
    public final void send(Message message) {
        sendWithin(message, null);
    }

    @Override
    public final boolean send(Message message, Duration timeout) {
        return sendWithin(message, Timeouts.requireTimeout(timeout));
    }

    @Override
    public final Message receive() {
        return receiveWithin(null);
    }

    @Override
    public final Optional<Message> receive(Duration timeout) {
        return Optional.ofNullable(receiveWithin(Timeouts.requireTimeout(timeout)));
    }
}
