package dev.meshmq.faults;

import dev.meshmq.Context;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.MessageReceiver;
import dev.meshmq.MessageSender;
import dev.meshmq.ReqSocket;
import dev.meshmq.Socket;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketType;
import dev.meshmq.SubSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Creates a socket of any pattern and plays one side of its pattern generically, for the peer processes
 * and the fault tests: {@link #sendOne} sends a numbered message the way the pattern sends (a REQ waits
 * for its reply), {@link #serveOne} receives one and answers it if the pattern answers (REP, ROUTER,
 * SERVER), handing the message's last frame to a listener.
 *
 * <p>Thread-safety: stateless; each socket is used by one thread at a time, as MeshMQ requires.
 */
final class PeerSockets {

    static final Duration STEP = Duration.ofMillis(200);

    private PeerSockets() {
    }

    static Socket create(Context context, SocketType type) {
        Socket socket = switch (type) {
            case PAIR -> context.createPair();
            case PUB -> context.createPub();
            case SUB -> context.createSub();
            case REQ -> context.createReq();
            case REP -> context.createRep();
            case DEALER -> context.createDealer();
            case ROUTER -> context.createRouter();
            case PULL -> context.createPull();
            case PUSH -> context.createPush();
            case CLIENT -> context.createClient();
            case SERVER -> context.createServer();
            default -> throw new IllegalArgumentException("no fault test uses " + type);
        };
        // nothing waits for undelivered messages at close: the tests end with peers dead on purpose
        socket.set(SocketOptions.LINGER, Duration.ZERO);
        if (socket instanceof ReqSocket) {
            // a REQ whose peer died would otherwise wait forever for the reply to its lost request
            socket.set(SocketOptions.REQ_RELAXED, true);
            socket.set(SocketOptions.REQ_CORRELATE, true);
        }
        if (socket instanceof SubSocket sub) {
            sub.subscribe(new byte[0]);
        }
        return socket;
    }

    /** Heartbeats every 100 ms, a peer silent for 600 ms is dropped. */
    static void heartbeat(Socket socket) {
        socket.set(SocketOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(100));
        socket.set(SocketOptions.HEARTBEAT_TIMEOUT, Duration.ofMillis(600));
        socket.set(SocketOptions.HEARTBEAT_TTL, Duration.ofMillis(1000));
    }

    /** TCP keepalive: the first probe after 1 s idle, then one a second, a peer that misses 2 is dropped. */
    static void keepalive(Socket socket) {
        socket.set(SocketOptions.TCP_KEEPALIVE, true);
        socket.set(SocketOptions.TCP_KEEPALIVE_IDLE, Duration.ofSeconds(1));
        socket.set(SocketOptions.TCP_KEEPALIVE_INTVL, Duration.ofSeconds(1));
        socket.set(SocketOptions.TCP_KEEPALIVE_CNT, 2);
    }

    /**
     * Sends {@code tag} as the pattern sends; a REQ then waits up to {@link #STEP} for the reply.
     *
     * @return whether the message left (and, for REQ, was answered)
     */
    static boolean sendOne(Socket socket, String tag) {
        boolean sent = ((MessageSender) socket).send(Message.of(tag), STEP);
        if (sent && socket instanceof ReqSocket req) {
            return req.receive(STEP).isPresent();
        }
        return sent;
    }

    /** Receives one message (waiting up to {@link #STEP}), answers it if the pattern answers. */
    static boolean serveOne(Socket socket, Consumer<String> received) {
        Optional<Message> message = ((MessageReceiver) socket).receive(STEP);
        if (message.isEmpty()) {
            return false;
        }
        Message request = message.get();
        String tag = request.string(request.size() - 1);
        received.accept(tag);
        switch (socket.type()) {
            case REP -> ((MessageSender) socket).send(Message.of("r-" + tag), STEP);
            case ROUTER -> ((MessageSender) socket).send(Message.of(request.frame(0), Frame.of("r-" + tag)), STEP);
            case SERVER -> ((MessageSender) socket).send(Message.of("r-" + tag).withRoutingId(request.routingId()),
                    STEP);
            default -> {
                // PULL, SUB, PAIR, DEALER, CLIENT: nothing to answer
            }
        }
        return true;
    }

    /** The type a peer of {@code type} has in the pairs the fault tests use. */
    static SocketType partner(SocketType type) {
        return switch (type) {
            case PUSH -> SocketType.PULL;
            case PULL -> SocketType.PUSH;
            case REQ -> SocketType.REP;
            case REP -> SocketType.REQ;
            case DEALER -> SocketType.ROUTER;
            case ROUTER -> SocketType.DEALER;
            case PUB -> SocketType.SUB;
            case SUB -> SocketType.PUB;
            case CLIENT -> SocketType.SERVER;
            case SERVER -> SocketType.CLIENT;
            case PAIR -> SocketType.PAIR;
            default -> throw new IllegalArgumentException("no partner for " + type);
        };
    }
}
