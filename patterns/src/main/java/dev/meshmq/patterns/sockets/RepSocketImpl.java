package dev.meshmq.patterns.sockets;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.RepSocket;
import dev.meshmq.SocketStateException;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.DuplexSocket;
import dev.meshmq.patterns.core.LinkState;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.routing.FairQueue;
import dev.meshmq.transport.PeerLink;
import java.util.List;

/**
 * REP: receive a request, send its reply. The envelope of each request (every frame up to and
 * including the first empty one: routing ids added by ROUTER hops, then the delimiter) is kept and
 * put back in front of the reply, which goes to the link the request came from. States:
 * {@link State#RECEIVING} and {@link State#SENDING}, changed only in {@link #moveTo}.
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
public final class RepSocketImpl extends DuplexSocket implements RepSocket {

    /** Where the request-reply cycle stands. */
    enum State { RECEIVING, SENDING }

    private final FairQueue inbound = new FairQueue(link -> { });
    private State state = State.RECEIVING;
    private PeerLink replyLink;
    private List<Frame> envelope;

    /** Creates the socket in the context {@code context}; called by the context only. */
    public RepSocketImpl(SocketHost context) {
        super(context, SocketType.REP);
    }

    private void moveTo(State next) {
        state = next;
    }

    @Override
    protected boolean admit(PeerLink link) {
        inbound.activate(link);
        return true;
    }

    @Override
    protected void linkDetached(PeerLink link) {
        inbound.activate(link);
    }

    @Override
    protected void linkReadable(PeerLink link) {
        inbound.activate(link);
    }

    @Override
    protected void linkWritable(PeerLink link) {
        // replies never wait: a reply to a full peer is dropped and counted
    }

    @Override
    protected Message attemptReceive() {
        if (state != State.RECEIVING) {
            throw new SocketStateException("a REP socket must send the reply before it receives another request");
        }
        Message request;
        while ((request = inbound.receive()) != null) {
            int delimiter = delimiterIndex(request);
            if (delimiter < 0 || delimiter == request.size() - 1) {
                continue;
            }
            List<Frame> frames = request.frames();
            envelope = frames.subList(0, delimiter + 1);
            replyLink = inbound.lastLink();
            moveTo(State.SENDING);
            return Message.of(frames.subList(delimiter + 1, frames.size()), request.peerMetadata().orElse(null));
        }
        return null;
    }

    private static int delimiterIndex(Message message) {
        for (int i = 0; i < message.size(); i++) {
            if (message.frame(i).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    @Override
    protected boolean canSendNow() {
        return state == State.SENDING;
    }

    @Override
    protected boolean attemptSend(Message message) {
        if (state != State.SENDING) {
            throw new SocketStateException("a REP socket must receive a request before it sends a reply");
        }
        Frame[] frames = new Frame[envelope.size() + message.size()];
        envelope.toArray(frames);
        for (int i = 0; i < message.size(); i++) {
            frames[envelope.size() + i] = message.frame(i);
        }
        if (LinkState.of(replyLink).detached || replyLink.outbound().isReaderClosed()) {
            counters().droppedUnroutable();
        } else if (!replyLink.outbound().write(Message.of(frames))) {
            counters().droppedAtHwm();
        }
        replyLink = null;
        envelope = null;
        moveTo(State.RECEIVING);
        return true;
    }
}
