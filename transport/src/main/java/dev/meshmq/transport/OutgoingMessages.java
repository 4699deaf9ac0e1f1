package dev.meshmq.transport;

import dev.meshmq.Message;
import dev.meshmq.transport.zmtp.ZmtpWire;
import java.util.ArrayDeque;

/**
 * What one connection sends from its link: a subscriber's replayed subscriptions first, then the
 * link's outbound pipe; a subscriber's subscriptions go to a ZMTP 3.1 peer as SUBSCRIBE and CANCEL
 * commands, to a 3.0 peer as messages; a DISH's joins go as JOIN and LEAVE commands to any peer, and are
 * replayed like subscriptions.
 *
 * <p>Thread-safety: owned by the connection's I/O thread.
 */
final class OutgoingMessages implements EngineOutput.Source {

    private final PeerLink link;
    private final boolean sendsSubscriptions;
    private final boolean joins;
    private final boolean asCommands;
    private ArrayDeque<Message> replay;

    /**
     * Starts sending for a connection whose handshake just completed.
     *
     * @param link the link the connection serves
     * @param options the local socket's settings
     * @param peerMinor the ZMTP minor version the peer greeted with
     */
    OutgoingMessages(PeerLink link, TransportOptions options, int peerMinor) {
        this.link = link;
        this.joins = GroupWire.sendsJoins(options.socketType());
        this.sendsSubscriptions = SubscriptionWire.sendsSubscriptions(options.socketType()) || joins;
        this.asCommands = joins || sendsSubscriptions && peerMinor >= ZmtpWire.VERSION_MINOR;
        this.replay = sendsSubscriptions ? link.sentSubscriptions().replay() : null;
    }

    @Override
    public Message nextOutgoing() {
        if (replay != null) {
            Message replayed = replay.poll();
            if (replayed != null) {
                return replayed;
            }
            replay = null;
        }
        Message message = link.outbound().read();
        if (message != null && sendsSubscriptions) {
            link.sentSubscriptions().record(message);
        }
        return message;
    }

    @Override
    public byte[] commandFor(Message message) {
        if (!asCommands) {
            return null;
        }
        return joins ? GroupWire.toCommand(message) : SubscriptionWire.toCommand(message);
    }
}
