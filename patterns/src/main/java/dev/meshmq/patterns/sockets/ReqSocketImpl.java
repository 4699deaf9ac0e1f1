package dev.meshmq.patterns.sockets;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.ReqSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketStateException;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.transport.PeerLink;
import java.util.concurrent.ThreadLocalRandom;

/**
 * REQ: a request to one peer at a time, then its reply. The state machine has two states:
 * {@link State#READY_TO_SEND} and {@link State#AWAITING_REPLY}; {@link #moveTo} is the one place
 * they change. Replies from any other peer, without the empty delimiter, or (with REQ_CORRELATE)
 * without the current request id, are discarded.
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
public final class ReqSocketImpl extends BalancedSocket implements ReqSocket {

    /** Where the request-reply cycle stands. */
    enum State { READY_TO_SEND, AWAITING_REPLY }

    private State state = State.READY_TO_SEND;
    private PeerLink replyLink;
    private int requestId = ThreadLocalRandom.current().nextInt();
    private volatile boolean relaxed;
    private volatile boolean correlate;

    /** Creates the socket in the context {@code context}; called by the context only. */
    public ReqSocketImpl(SocketHost context) {
        super(context, SocketType.REQ);
    }

    @Override
    protected void optionsChanged() {
        relaxed = get(SocketOptions.REQ_RELAXED);
        correlate = get(SocketOptions.REQ_CORRELATE);
    }

    private void moveTo(State next) {
        state = next;
    }

    @Override
    protected boolean canSendNow() {
        return (state == State.READY_TO_SEND || relaxed) && super.canSendNow();
    }

    @Override
    protected boolean attemptSend(Message message) {
        if (state == State.AWAITING_REPLY && !relaxed) {
            throw new SocketStateException("a REQ socket must receive the reply before it sends another request"
                    + " (set REQ_RELAXED to allow it)");
        }
        boolean correlate = this.correlate;
        int id = requestId + 1;
        Message request = message.prepend(Frame.EMPTY);
        if (correlate) {
            request = request.prepend(Frame.wrap(RequestIds.encode(id)));
        }
        if (!sendBalanced(request)) {
            return false;
        }
        requestId = id;
        replyLink = lastSendLink();
        moveTo(State.AWAITING_REPLY);
        return true;
    }

    @Override
    protected Message attemptReceive() {
        if (state != State.AWAITING_REPLY) {
            throw new SocketStateException("a REQ socket must send a request before it receives");
        }
        boolean correlate = this.correlate;
        Message message;
        while ((message = receiveFairly()) != null) {
            Message reply = lastReceiveLink() == replyLink ? unwrap(message, correlate) : null;
            if (reply != null) {
                moveTo(State.READY_TO_SEND);
                return reply;
            }
        }
        return null;
    }

    /** Returns the body of a well-formed reply to the current request, or null to discard it. */
    private Message unwrap(Message message, boolean correlate) {
        int delimiter = correlate ? 1 : 0;
        if (message.size() < delimiter + 2 || !message.frame(delimiter).isEmpty()) {
            return null;
        }
        if (correlate && !message.frame(0).contentEquals(RequestIds.encode(requestId))) {
            return null;
        }
        return Message.of(message.frames().subList(delimiter + 1, message.size()), message.peerMetadata().orElse(null));
    }
}
