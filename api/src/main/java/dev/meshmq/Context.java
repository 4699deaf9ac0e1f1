package dev.meshmq;

import dev.meshmq.spi.ContextProvider;
import java.util.ServiceLoader;

/**
 * The container of sockets: owns the I/O threads and the registry of {@code inproc://} endpoints.
 * Create one per process (or per isolated component), create sockets from it, and close it last.
 *
 * <pre>{@code
 * try (Context context = Context.create();
 *      PullSocket pull = context.createPull();
 *      PushSocket push = context.createPush()) {
 *     String endpoint = pull.bind("tcp://127.0.0.1:*");
 *     push.connect(endpoint);
 *     push.send("hello");
 *     System.out.println(pull.receiveString());
 * }
 * }</pre>
 *
 * <p>Thread-safety: safe to use from any number of threads.
 */
public interface Context extends AutoCloseable {

    /**
     * Creates a context with default settings (one I/O thread).
     *
     * @return a new context
     */
    static Context create() {
        return create(ContextConfig.defaults());
    }

    /**
     * Creates a context with the given settings.
     *
     * @param config the settings
     * @return a new context
     * @throws IllegalStateException if no MeshMQ implementation is on the class or module path
     */
    static Context create(ContextConfig config) {
        ContextProvider provider = ServiceLoader.load(ContextProvider.class, Context.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no MeshMQ implementation found: add the meshmq-patterns artifact"));
        return provider.create(config);
    }

    /**
     * Creates a PAIR socket.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    PairSocket createPair();

    /**
     * Creates a PUSH socket.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    PushSocket createPush();

    /**
     * Creates a PULL socket.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    PullSocket createPull();

    /**
     * Creates a REQ socket.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    ReqSocket createReq();

    /**
     * Creates a REP socket.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    RepSocket createRep();

    /**
     * Creates a DEALER socket.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    DealerSocket createDealer();

    /**
     * Creates a ROUTER socket.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    RouterSocket createRouter();

    /**
     * Creates a PUB socket.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    PubSocket createPub();

    /**
     * Creates a SUB socket.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    SubSocket createSub();

    /**
     * Creates an XPUB socket.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    XPubSocket createXPub();

    /**
     * Creates an XSUB socket.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    XSubSocket createXSub();

    /**
     * Creates a CLIENT socket, safe to share between threads.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    ClientSocket createClient();

    /**
     * Creates a SERVER socket, safe to share between threads.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    ServerSocket createServer();

    /**
     * Creates a STREAM socket: raw TCP (or ipc) connections to peers that do not speak ZMTP.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    StreamSocket createStream();

    /**
     * Creates a SCATTER socket (round-robin, single-frame), safe to share between threads.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    ScatterSocket createScatter();

    /**
     * Creates a GATHER socket (fair-queued, single-frame), safe to share between threads.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    GatherSocket createGather();

    /**
     * Creates a PEER socket (routes by connection id, single-frame), safe to share between threads.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    PeerSocket createPeer();

    /**
     * Creates a CHANNEL socket (an exclusive pair, single-frame), safe to share between threads.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    ChannelSocket createChannel();

    /**
     * Creates a RADIO socket (sends to groups), safe to share between threads.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    RadioSocket createRadio();

    /**
     * Creates a DISH socket (receives the groups it joined), safe to share between threads.
     *
     * @return the socket
     * @throws ContextClosedException if the context is closed
     */
    DishSocket createDish();

    /**
     * Creates a poller for sockets of this context.
     *
     * @return the poller
     */
    Poller createPoller();

    /**
     * Starts a {@link Proxy} forwarding between two sockets of this context, on a new thread. Each
     * message either socket can receive is sent to the other if it can send (XSUB/XPUB, ROUTER/DEALER,
     * PULL to PUSH, ...). The sockets stay the caller's; see {@link Proxy} for who uses them when.
     *
     * @param frontend one side
     * @param backend the other side
     * @return the running proxy
     * @throws IllegalArgumentException if a socket is not of this context, both are the same, or neither
     *     can receive what the other could send
     * @throws ContextClosedException if the context is closed
     */
    Proxy createProxy(Socket frontend, Socket backend);

    /**
     * Starts a {@link Proxy} like {@link #createProxy(Socket, Socket)} that also sends a copy of every
     * forwarded message, in either direction, to {@code capture}, without waiting: a copy the capture
     * socket cannot take at once is counted in {@link ProxyStatistics#messagesNotCaptured()}.
     *
     * @param <C> a socket type that can send
     * @param frontend one side
     * @param backend the other side
     * @param capture where the copies go; not one of the two sides
     * @return the running proxy
     * @throws IllegalArgumentException as for {@link #createProxy(Socket, Socket)}, or if the capture
     *     socket is not of this context or is one of the sides
     * @throws ContextClosedException if the context is closed
     */
    <C extends Socket & MessageSender> Proxy createProxy(Socket frontend, Socket backend, C capture);

    /**
     * Closes every socket of this context, ends blocked calls (a {@link Poller#poll} included) with
     * {@link ContextClosedException}, waits until the queued messages of every socket have drained or
     * their linger has ended, and stops the I/O threads. Sockets closed before the context count too:
     * each gets its full {@link SocketOptions#LINGER} from its own close, whatever the order of the two
     * closes. The wait is bounded by {@link ContextConfig#withCloseTimeout} if the context has one;
     * otherwise a socket with a negative (unlimited) LINGER and an absent peer makes it wait forever,
     * as in libzmq. Messages discarded meanwhile are counted in
     * {@link SocketStatistics#discardedAtClose()}. Idempotent; a second call returns at once.
     */
    @Override
    void close();

    /**
     * Returns whether {@link #close()} was called.
     *
     * @return true once closed
     */
    boolean isClosed();
}
