package dev.meshmq;

/**
 * What every MeshMQ socket can do: bind and connect to endpoints in any number and order, unbind and
 * disconnect, options, and close. Sending and receiving come from {@link MessageSender} and
 * {@link MessageReceiver}, which each pattern's type adds as its rules allow.
 *
 * <p>Endpoints are {@code tcp://host:port} (IPv4, {@code [IPv6]}, a host name, or {@code *} for every
 * interface; port {@code *} picks a free one), {@code ipc:///path/to/socket} (a Unix domain socket)
 * and {@code inproc://name} (within one {@link Context}).
 *
 * <p>Thread-safety: a socket of the classic types has one owner at a time. Handing it to another
 * thread needs a happens-before edge (a queue, a lock). Only {@link #close()} may be called from
 * any thread; the context's close also unblocks calls in progress.
 */
public interface Socket extends AutoCloseable {

    /**
     * Returns this socket's type.
     *
     * @return the type
     */
    SocketType type();

    /**
     * Binds to an endpoint and starts accepting peers on it.
     *
     * @param endpoint the endpoint; a wildcard port ({@code tcp://127.0.0.1:*}) picks a free one
     * @return the resolved endpoint, with the real port for a wildcard
     * @throws InvalidEndpointException if the endpoint is malformed or cannot be resolved
     * @throws AddressInUseException if another socket holds the address
     * @throws AddressNotAvailableException if the address is not one of this machine's
     */
    String bind(String endpoint);

    /**
     * Connects to an endpoint. Works before anything is bound there: the socket keeps trying every
     * {@link SocketOptions#RECONNECT_INTERVAL}, and messages sent meanwhile wait in the queue (up to
     * the high-water mark) until the peer appears. A tcp host name is resolved at each attempt, off the
     * I/O threads: a name that does not resolve (yet) is retried like a refused connect, with a
     * {@link MonitorEventType#CONNECT_RETRIED} event whose detail gives the reason.
     *
     * @param endpoint the endpoint
     * @throws InvalidEndpointException if the endpoint is malformed (a wildcard host or port, a bad port)
     */
    void connect(String endpoint);

    /**
     * Stops listening on an endpoint this socket bound and closes the connections accepted there.
     *
     * @param endpoint the endpoint as given to {@link #bind(String)} or as it returned
     * @throws EndpointNotFoundException if this socket is not bound there
     */
    void unbind(String endpoint);

    /**
     * Closes the connection to an endpoint this socket connected to and stops reconnecting.
     *
     * @param endpoint the endpoint as given to {@link #connect(String)}
     * @throws EndpointNotFoundException if this socket is not connected there
     */
    void disconnect(String endpoint);

    /**
     * Sets an option. The value is checked first; a rejected value leaves the socket unchanged.
     *
     * @param option the option
     * @param value the new value
     * @param <T> the option's type
     * @throws IllegalArgumentException if the value is illegal for the option or this socket type
     */
    <T> void set(SocketOption<T> option, T value);

    /**
     * Returns an option's current value.
     *
     * @param option the option
     * @param <T> the option's type
     * @return the value
     */
    <T> T get(SocketOption<T> option);

    /**
     * Returns the endpoint of the last successful bind, resolved (libzmq's LAST_ENDPOINT), or an
     * empty string if the socket never bound.
     *
     * @return the endpoint
     */
    String lastEndpoint();

    /**
     * Starts reporting this socket's connection events to {@code listener}, on a thread of the
     * monitor's own, in order: for a connect CONNECT_DELAYED, CONNECTED, HANDSHAKE_SUCCEEDED,
     * DISCONNECTED, CONNECT_RETRIED...; for a bind LISTENING, ACCEPTED, HANDSHAKE_SUCCEEDED,
     * DISCONNECTED..., CLOSED; then MONITOR_STOPPED. When the socket closes, the monitor stops after
     * the socket's connections have reported DISCONNECTED and its linger has ended, so that a
     * {@link MonitorEventType#DISCARDED_AT_CLOSE} event (MeshMQ's own: queued messages the linger
     * could not deliver) still reaches it. To drain events from a queue instead,
     * pass {@code queue::add}. One monitor per socket: a new one replaces the previous, which stops.
     *
     * @param listener called with each event; an exception it throws is logged and ignored
     * @return the running monitor, to stop it
     */
    Monitor monitor(java.util.function.Consumer<MonitorEvent> listener);

    /**
     * Starts reporting this socket's connection events libzmq-style: a PAIR socket of this context is
     * bound at {@code inprocEndpoint}, and each event is sent to it as a two-frame message, the
     * first frame six bytes (event id as uint16 then value as uint32, little-endian, as libzmq
     * writes them on x86), the second the endpoint. Connect a PAIR socket there to read them; events
     * are dropped while none is connected and its queue is full.
     *
     * @param inprocEndpoint an {@code inproc://} endpoint
     * @return the running monitor, to stop it (which also closes the PAIR socket)
     * @throws InvalidEndpointException if the endpoint is not an inproc endpoint
     */
    Monitor monitor(String inprocEndpoint);

    /**
     * Returns a snapshot of this socket's counters. Any thread.
     *
     * @return the counters
     */
    SocketStatistics statistics();

    /**
     * Returns whether {@link #close()} was called or the context closed.
     *
     * @return true once closed
     */
    boolean isClosed();

    /**
     * Closes the socket. Queued outgoing messages get up to {@link SocketOptions#LINGER} to drain in
     * the background; this call itself does not wait. The linger is honoured whatever the order of
     * this call and {@link Context#close()}, which waits for it. Messages still queued when the linger
     * ends are discarded, counted ({@link SocketStatistics#discardedAtClose()}) and reported (a
     * {@link MonitorEventType#DISCARDED_AT_CLOSE} event and a WARNING log). Idempotent. Any thread.
     */
    @Override
    void close();

    /**
     * Closes the socket as {@link #close()} does, then waits up to {@code timeout} until every message
     * queued towards a peer has either reached the kernel or been discarded, and says which. A message
     * reached the kernel when its connection took it from the socket's queue and wrote all of its bytes
     * to the network channel (tcp, ipc), or when it was put in the queue of the peer socket (inproc);
     * that is the most a sender can know without an acknowledgement from the peer application. The
     * socket's {@link SocketOptions#LINGER} still bounds how long the transport tries: a timeout longer
     * than the linger waits for the linger to end, not longer. If the timeout passes first, the linger
     * goes on in the background. May be called again, also after {@link #close()} or the context's
     * close, to wait for the same outcome. Any thread. (A name of its own rather than an overload of
     * {@code close}, so that {@code socket::close} stays unambiguous wherever it is passed.)
     *
     * @param timeout the longest wait; zero only looks
     * @return true if every queued message reached the kernel within the timeout; false if the timeout
     *     passed first, or if some were discarded (LINGER expired, the connection ended, the context's
     *     close timeout passed; {@link SocketStatistics#discardedAtClose()} says how many)
     * @throws IllegalArgumentException if the timeout is negative
     * @throws MeshInterruptedException if the calling thread is interrupted while waiting (the socket is
     *     closed all the same)
     */
    boolean closeAndAwaitDelivery(java.time.Duration timeout);
}
