package dev.meshmq.bench;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.MessageReceiver;
import dev.meshmq.MessageSender;
import dev.meshmq.PubSocket;
import dev.meshmq.Socket;
import dev.meshmq.SocketOptions;
import dev.meshmq.SubSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The two sockets of one mixed soak round, made in one context: the bound side binds a fresh endpoint, the
 * connecting side connects to it (or to what {@code route} makes of it: the relay's endpoint). Both get the
 * round's high-water mark for sending and receiving, linger zero and a short reconnect interval; REQ gets
 * {@code REQ_RELAXED} and {@code REQ_CORRELATE} so that it can go on after a lost request.
 *
 * <p>Thread-safety: the sender side is used by one thread and the receiver side by another, as
 * MeshMQ's single-owner sockets allow; {@link #close} after both have stopped.
 */
final class SoakPair {

    private static final Duration RECONNECT = Duration.ofMillis(20);

    final SoakPattern pattern;
    final Socket bound;
    final Socket connecting;
    /** The bound side's endpoint, before routing. */
    final String endpoint;

    private SoakPair(SoakPattern pattern, Socket bound, Socket connecting, String endpoint) {
        this.pattern = pattern;
        this.bound = bound;
        this.connecting = connecting;
        this.endpoint = endpoint;
    }

    /**
     * Makes, binds and connects the pair.
     *
     * @param pattern which sockets
     * @param context the round's context
     * @param transport tcp, ipc or inproc
     * @param hwm the send and receive high-water mark of both sockets
     * @param nodrop PUB only: {@code XPUB_NODROP} (wait at the high-water mark instead of dropping)
     * @param route maps the bound endpoint to the one to connect to (identity, or a relay's)
     * @return the connected pair
     */
    static SoakPair open(SoakPattern pattern, Context context, Transport transport, int hwm, boolean nodrop,
            UnaryOperator<String> route) {
        Socket bound = createBound(pattern, context);
        Socket connecting = createConnecting(pattern, context);
        for (Socket socket : new Socket[] {bound, connecting}) {
            socket.set(SocketOptions.SEND_HWM, hwm);
            socket.set(SocketOptions.RECEIVE_HWM, hwm);
            socket.set(SocketOptions.LINGER, Duration.ZERO);
            socket.set(SocketOptions.RECONNECT_INTERVAL, RECONNECT);
        }
        if (pattern == SoakPattern.REQ_REP) {
            connecting.set(SocketOptions.REQ_RELAXED, true);
            connecting.set(SocketOptions.REQ_CORRELATE, true);
        }
        String endpoint = bound.bind(transport.bindEndpoint());
        if (pattern == SoakPattern.PUB_SUB) {
            bound.set(SocketOptions.XPUB_NODROP, nodrop);
            ((SubSocket) connecting).subscribe(new byte[0]);
        }
        connecting.connect(route.apply(endpoint));
        return new SoakPair(pattern, bound, connecting, endpoint);
    }

    private static Socket createBound(SoakPattern pattern, Context context) {
        switch (pattern) {
            case PUSH_PULL:
                return context.createPull();
            case DEALER_ROUTER:
                return context.createRouter();
            case REQ_REP:
                return context.createRep();
            case PUB_SUB:
                return context.createPub();
            case CLIENT_SERVER:
                return context.createServer();
            default:
                throw new IllegalStateException(pattern.name());
        }
    }

    private static Socket createConnecting(SoakPattern pattern, Context context) {
        switch (pattern) {
            case PUSH_PULL:
                return context.createPush();
            case DEALER_ROUTER:
                return context.createDealer();
            case REQ_REP:
                return context.createReq();
            case PUB_SUB:
                return context.createSub();
            case CLIENT_SERVER:
                return context.createClient();
            default:
                throw new IllegalStateException(pattern.name());
        }
    }

    /**
     * Returns the side that sends the numbered messages (for REQ/REP: the REQ).
     *
     * @return the sender
     */
    MessageSender sender() {
        return (MessageSender) (pattern == SoakPattern.PUB_SUB ? bound : connecting);
    }

    /**
     * Returns the side that receives them (for REQ/REP: the REP, which echoes each request).
     *
     * @return the receiver
     */
    MessageReceiver receiver() {
        return (MessageReceiver) (pattern == SoakPattern.PUB_SUB ? connecting : bound);
    }

    /**
     * Waits until the PUB sees its subscriber, so that a fault-free round can count every message.
     *
     * @param timeout how long at most
     * @return true if the subscriber is there (always true for other patterns)
     */
    boolean awaitReady(Duration timeout) {
        return pattern != SoakPattern.PUB_SUB || ((PubSocket) bound).awaitSubscribers(1, timeout);
    }

    /**
     * Returns what the PUB has dropped for its subscribers so far, 0 for other patterns.
     *
     * @return copies dropped at the high-water mark
     */
    long publisherDrops() {
        return pattern == SoakPattern.PUB_SUB ? ((PubSocket) bound).publisherStatistics().messagesDropped() : 0;
    }

    /**
     * The echo half of REQ/REP, on the REP: answers one request with the same body.
     *
     * @param request what the REP received
     * @param timeout how long to wait for room to send
     * @return true if the reply was queued
     */
    boolean reply(Message request, Duration timeout) {
        return ((MessageSender) bound).send(request, timeout);
    }

    /**
     * Receives one reply on the REQ.
     *
     * @param timeout how long at most
     * @return the reply, if one came
     */
    Optional<Message> receiveReply(Duration timeout) {
        return ((MessageReceiver) connecting).receive(timeout);
    }

    void close() {
        connecting.close();
        bound.close();
    }
}
