package dev.meshmq.transport;

import dev.meshmq.AddressInUseException;
import dev.meshmq.AddressNotAvailableException;
import dev.meshmq.InvalidEndpointException;
import dev.meshmq.MonitorEventType;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transport layer of one context: its I/O threads, its inproc registry, and the entry points
 * that bind and connect tcp and ipc endpoints for a socket.
 *
 * <p>Thread-safety: safe for any thread.
 */
public final class TransportContext {

    private static final Runnable NO_TASK = () -> { };

    private final IoThread[] ioThreads;
    private final AtomicInteger nextThread = new AtomicInteger();
    private final ActivityCounter activity = new ActivityCounter();
    private final InprocRegistry inproc = new InprocRegistry();
    private final AuthenticationService authentication = new AuthenticationService(inproc);
    private final SecurityServices security;
    private final SpinGovernor spinGovernor = new SpinGovernor();

    /**
     * Starts the I/O threads.
     *
     * @param threadCount how many
     * @param clock the time source for timers
     * @param spinNanos how long an I/O thread polls without blocking before it sleeps in select
     */
    public TransportContext(int threadCount, NanoClock clock, long spinNanos) {
        ioThreads = new IoThread[threadCount];
        security = new SecurityServices(authentication, new CurveCookieJar(clock));
        for (int i = 0; i < threadCount; i++) {
            ioThreads[i] = new IoThread("meshmq-io-" + i, clock, spinNanos, spinGovernor);
            ioThreads[i].useSecurity(security);
        }
    }

    /**
     * Returns what decides whether this context's waiting threads may spin; application threads waiting
     * on sockets share it with the I/O threads. Any thread.
     *
     * @return the governor
     */
    public SpinGovernor spinGovernor() {
        return spinGovernor;
    }

    /**
     * Sets what is told if an I/O thread ends other than by {@link #shutdown}: it is given a
     * description of the thread and the cause, on the dying thread. Any thread.
     *
     * @param listener must not block
     */
    public void onIoThreadDeath(java.util.function.BiConsumer<String, Throwable> listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        for (IoThread thread : ioThreads) {
            String name = thread.name();
            thread.onDeath(cause -> listener.accept(name, cause));
        }
    }

    /**
     * Makes every I/O thread look at its timers again now: the clock was moved by hand.
     * Any thread.
     */
    public void clockMoved() {
        for (IoThread thread : ioThreads) {
            thread.execute(NO_TASK);
        }
    }

    /**
     * Returns the inproc endpoint registry.
     *
     * @return the registry
     */
    public InprocRegistry inproc() {
        return inproc;
    }

    private IoThread pickThread() {
        return ioThreads[Math.floorMod(nextThread.getAndIncrement(), ioThreads.length)];
    }

    /**
     * Binds a tcp, ipc or udp endpoint for {@code host}. The bind itself happens on the calling thread so
     * that its errors reach the caller.
     *
     * @param endpoint the parsed endpoint
     * @param text the endpoint as the user wrote it
     * @param host the socket
     * @return the binding
     * @throws AddressInUseException if the address is taken
     * @throws AddressNotAvailableException if the address is not one of this machine's
     * @throws InvalidEndpointException if it cannot be bound
     */
    public Binding bind(Endpoint endpoint, String text, LinkHost host) {
        if (endpoint.transport() == Endpoint.Transport.UDP) {
            return UdpEndpoints.bind(pickThread(), endpoint, text, host, activity);
        }
        TransportOptions options = host.transportOptions();
        ServerSocketChannel channel = null;
        try {
            String resolved;
            Path ipcPath = null;
            if (endpoint.transport() == Endpoint.Transport.TCP) {
                InetSocketAddress address = TcpAddress.parse(text, endpoint.address())
                        .resolveForBind(text, options.ipv6());
                channel = ServerSocketChannel.open();
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                KernelOptions.applyBuffers(channel, options.connection());
                channel.bind(address, options.listenBacklog());
                resolved = TcpAddress.format((InetSocketAddress) channel.getLocalAddress());
            } else {
                IpcAddress address = IpcAddress.parse(text, endpoint.address());
                address.removeStaleSocketFile(text);
                channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                channel.bind(address.socketAddress(), options.listenBacklog());
                ipcPath = address.path();
                resolved = address.format();
            }
            channel.configureBlocking(false);
            StreamListener listener = new StreamListener(pickThread(), channel, resolved, ipcPath, host, options,
                    activity);
            listener.start();
            new ConnectionEvents(host, resolved).emit(MonitorEventType.LISTENING, channel, "", new byte[0], 0, "");
            return new Binding() {
                @Override
                public String resolvedEndpoint() {
                    return resolved;
                }

                @Override
                public void close(long lingerNanos) {
                    listener.close(lingerNanos);
                }
            };
        } catch (BindException e) {
            closeQuietly(channel);
            new ConnectionEvents(host, text).emit(MonitorEventType.BIND_FAILED, 0, e.toString());
            throw BindFailures.classify(text, endpoint, e);
        } catch (IOException e) {
            closeQuietly(channel);
            new ConnectionEvents(host, text).emit(MonitorEventType.BIND_FAILED, 0, e.toString());
            throw new InvalidEndpointException("cannot bind " + text + ": " + e, e);
        }
    }

    /**
     * Starts connecting a tcp or ipc endpoint for a socket, and returns at once with the link the
     * socket sends on and receives from; the connection is made, and remade, in the background.
     *
     * @param endpoint the parsed endpoint
     * @param text the endpoint as the user wrote it
     * @param host the socket
     * @return the link, to be attached to the socket by the caller
     * @throws InvalidEndpointException if the endpoint is malformed; a name that does not resolve is
     *     retried in the background, not an error here
     */
    public PeerLink connect(Endpoint endpoint, String text, LinkHost host) {
        if (endpoint.transport() == Endpoint.Transport.UDP) {
            return UdpEndpoints.connect(pickThread(), endpoint, text, host, activity);
        }
        TransportOptions options = host.transportOptions();
        StreamConnector connector;
        if (endpoint.transport() == Endpoint.Transport.TCP) {
            TcpAddress address = TcpAddress.parse(text, endpoint.address());
            address.checkConnectable(text);
            connector = new StreamConnector(pickThread(), text, () -> address.resolveForConnect(text, options.ipv6()),
                    true, !address.isNumericHost(), host, activity);
        } else {
            IpcAddress address = IpcAddress.parse(text, endpoint.address());
            SocketAddress target = address.socketAddress();
            connector = new StreamConnector(pickThread(), text, () -> target, false, false, host, activity);
        }
        connector.start();
        return connector.link();
    }

    /**
     * Waits until every connection, connector and listener has finished (each is bounded by its
     * linger), then stops the I/O threads.
     *
     * @param timeoutNanos the longest wait for lingering connections
     * @return true if everything finished in time
     */
    public boolean shutdown(long timeoutNanos) {
        boolean quiet = activity.awaitIdle(timeoutNanos);
        for (IoThread thread : ioThreads) {
            thread.shutdown(1000);
        }
        authentication.stop();
        return quiet;
    }

    /**
     * Returns how many connections, connectors and listeners are alive.
     *
     * @return the count
     */
    public int activeCount() {
        return activity.active();
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more can be done about a channel that failed to bind
            }
        }
    }
}
