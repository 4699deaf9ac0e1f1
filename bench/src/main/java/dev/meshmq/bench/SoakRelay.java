package dev.meshmq.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soak's fault relay: a TCP relay on loopback between a connecting socket and the endpoint it would
 * otherwise connect to, which can {@link #reset} every connection through it (an RST on both sides) and
 * {@link #stall} (stop forwarding in both directions without closing anything) and resume. Blocking I/O,
 * two pump threads per relayed connection; they end when the connection does.
 *
 * <p>It is written for the bench's main code because the test-support module's {@code FaultyRelay} is a
 * test-scope artifact (no module descriptor, Awaitility on its class path), which the bench jar does not
 * ship; this one does only what the soak needs.
 *
 * <p>Thread-safety: {@link #reset}, {@link #stall} and {@link #close} may be called from any thread.
 */
final class SoakRelay implements AutoCloseable {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final ServerSocketChannel server;
    private final InetSocketAddress target;
    /** Every open relayed channel, both ends; guarded by itself. */
    private final List<SocketChannel> channels = new ArrayList<>();
    /** Guards {@link #stalled}; pumps wait on it while stalled. */
    private final Object gate = new Object();
    private boolean stalled;
    private volatile boolean closed;

    private SoakRelay(ServerSocketChannel server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /**
     * Starts a relay to a bound tcp endpoint.
     *
     * @param endpoint {@code tcp://host:port}, as {@code bind} returned it
     * @return the running relay
     */
    static SoakRelay start(String endpoint) {
        String hostPort = endpoint.substring("tcp://".length());
        int colon = hostPort.lastIndexOf(':');
        InetSocketAddress target = new InetSocketAddress(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1)));
        try {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            SoakRelay relay = new SoakRelay(server, target);
            daemon("soak-relay-accept", relay::acceptLoop);
            return relay;
        } catch (IOException e) {
            throw new BenchFailure("soak relay: cannot listen: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the endpoint to connect to instead of the target.
     *
     * @return {@code tcp://127.0.0.1:port}
     */
    String endpoint() {
        try {
            return "tcp://127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new BenchFailure("soak relay: no local address: " + e.getMessage(), e);
        }
    }

    /** Closes every relayed connection with an RST on both sides; new connections are still accepted. */
    void reset() {
        List<SocketChannel> open;
        synchronized (channels) {
            open = new ArrayList<>(channels);
            channels.clear();
        }
        for (SocketChannel channel : open) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException e) {
                // Already closed by its pump: nothing to reset.
                continue;
            } finally {
                closeQuietly(channel);
            }
        }
    }

    /**
     * Stops or resumes forwarding; connections stay open while stalled.
     *
     * @param on true to stall, false to resume
     */
    void stall(boolean on) {
        synchronized (gate) {
            stalled = on;
            gate.notifyAll();
        }
    }

    @Override
    public void close() {
        closed = true;
        stall(false);
        closeQuietly(server);
        reset();
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel accepted;
            try {
                accepted = server.accept();
            } catch (IOException e) {
                return;
            }
            try {
                SocketChannel upstream = SocketChannel.open(target);
                synchronized (channels) {
                    channels.add(accepted);
                    channels.add(upstream);
                }
                AtomicInteger ended = new AtomicInteger();
                daemon("soak-relay-up", () -> pump(accepted, upstream, ended));
                daemon("soak-relay-down", () -> pump(upstream, accepted, ended));
            } catch (IOException e) {
                closeQuietly(accepted);
            }
        }
    }

    /** Forwards one direction; the second direction to end closes both channels. */
    private void pump(SocketChannel from, SocketChannel to, AtomicInteger ended) {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        try {
            while (from.read(buffer) >= 0) {
                awaitFlowing();
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
            if (ended.incrementAndGet() < 2) {
                return;
            }
        } catch (IOException | InterruptedException e) {
            ended.incrementAndGet();
        }
        closeQuietly(from);
        closeQuietly(to);
        forget(from, to);
    }

    private void awaitFlowing() throws InterruptedException {
        synchronized (gate) {
            while (stalled && !closed) {
                gate.wait();
            }
        }
    }

    private void forget(SocketChannel first, SocketChannel second) {
        synchronized (channels) {
            channels.remove(first);
            channels.remove(second);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Closing after a reset or the peer's close may fail; the channel is unusable either way.
            return;
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
