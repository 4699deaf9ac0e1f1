package dev.meshmq.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay between test clients and a target port that injects faults on command: added latency,
 * a bandwidth limit, a stall (nothing forwarded, nothing closed, nobody accepted), a reset (RST to both
 * sides, through SO_LINGER 0), a half-close (FIN to one side while the other direction still flows) and
 * corrupted bytes. Each accepted client gets its own connection to the target; the faults apply to every
 * connection, current and future, except {@link #reset()} and {@link #halfClose}, which act on the
 * connections open at the time of the call.
 *
 * <p>Each connection forwards each direction with two threads: one reads and stamps every chunk with the
 * time it may leave (now plus the latency), one writes chunks when they are due, no faster than the
 * bandwidth allows. A stall stops both, so the kernel buffers fill and push back on the senders as a
 * frozen peer would.
 *
 * <p>Thread-safety: every method may be called from any thread; the relay forwards on threads of its own,
 * all daemons, all ended by {@link #close()}.
 */
public final class FaultyRelay implements AutoCloseable {

    /** A direction of flow through the relay. */
    public enum Direction {
        /** From the clients that connected to the relay towards the target. */
        TO_TARGET,
        /** From the target back towards the clients. */
        TO_CLIENT
    }

    /** One end of a relayed connection. */
    public enum Side {
        /** The client that connected to the relay. */
        CLIENT,
        /** The relay's connection to the target port. */
        TARGET
    }

    static final int POLL_MILLIS = 20;
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private final ServerSocket server;
    private final int targetPort;
    private final RelayFaults faults = new RelayFaults();
    private final List<RelayConnection> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    /**
     * Starts a relay on an ephemeral loopback port towards {@code targetPort} on loopback.
     *
     * @param targetPort the port the relay connects each client to
     * @throws IOException if the relay's port cannot be opened
     */
    public FaultyRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout(POLL_MILLIS);
        this.acceptor = new Thread(this::acceptLoop, "faulty-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a relay towards the port of a tcp endpoint such as {@code tcp://127.0.0.1:5555}.
     *
     * @param endpoint a resolved tcp endpoint on loopback
     * @return the relay
     * @throws IOException if the relay's port cannot be opened
     */
    public static FaultyRelay towards(String endpoint) throws IOException {
        return new FaultyRelay(Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1)));
    }

    /**
     * Returns the endpoint to connect to instead of the target.
     *
     * @return {@code tcp://127.0.0.1:port}
     */
    public String endpoint() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /**
     * Delays every chunk read from now on by {@code latency} in each direction (one-way delay).
     *
     * @param latency the added delay; zero for none
     * @return this relay
     */
    public FaultyRelay latency(Duration latency) {
        faults.latencyNanos(latency.toNanos());
        return this;
    }

    /**
     * Limits each direction of each connection to {@code bytesPerSecond}.
     *
     * @param bytesPerSecond the limit; 0 for none
     * @return this relay
     */
    public FaultyRelay bandwidth(long bytesPerSecond) {
        faults.bandwidth(bytesPerSecond);
        return this;
    }

    /** Stops forwarding and accepting, closing nothing, until {@link #resume()}: a peer that froze. */
    public void stall() {
        faults.stall(true);
    }

    /** Forwards and accepts again after {@link #stall()}; what was held back then flows. */
    public void resume() {
        faults.stall(false);
    }

    /**
     * Inverts bytes that flow in {@code direction} (over all connections): after letting {@code skip} more
     * bytes pass unharmed, the {@code count} bytes that follow. Replaces an earlier order that is not done.
     *
     * @param direction which way the corrupted bytes travel
     * @param skip how many bytes to let through first
     * @param count how many bytes to invert
     */
    public void corrupt(Direction direction, long skip, int count) {
        faults.corrupt(direction, skip, count);
    }

    /**
     * Resets every open connection: both its sockets are closed with SO_LINGER 0, so the client and the
     * target each get an RST and whatever was still buffered in the relay or the kernel is lost.
     *
     * @return how many connections were reset
     */
    public int reset() {
        int count = 0;
        for (RelayConnection connection : connections) {
            connections.remove(connection);
            connection.reset();
            count++;
        }
        return count;
    }

    /**
     * Half-closes every open connection towards {@code side}: that side gets a FIN (end of stream) and
     * nothing more from the relay, while what it sends is still forwarded.
     *
     * @param side the side that is told the stream ended
     * @return how many connections were half-closed
     */
    public int halfClose(Side side) {
        int count = 0;
        for (RelayConnection connection : connections) {
            connection.halfClose(side);
            count++;
        }
        return count;
    }

    /**
     * Returns how many clients the relay has accepted so far.
     *
     * @return the count
     */
    public int accepted() {
        return accepted.get();
    }

    /**
     * Returns how many relayed connections are open now.
     *
     * @return the count
     */
    public int open() {
        connections.removeIf(RelayConnection::isClosed);
        return connections.size();
    }

    /**
     * Returns how many bytes were forwarded in {@code direction} so far.
     *
     * @param direction the direction
     * @return the byte count, over all connections
     */
    public long forwarded(Direction direction) {
        return faults.forwarded(direction);
    }

    private void acceptLoop() {
        while (!faults.isClosed()) {
            if (!faults.awaitFlowing()) {
                return;
            }
            try {
                Socket client = server.accept();
                Socket target = new Socket();
                try {
                    target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort),
                            CONNECT_TIMEOUT_MILLIS);
                } catch (IOException refused) {
                    client.setSoLinger(true, 0);
                    client.close();
                    continue;
                }
                accepted.incrementAndGet();
                RelayConnection connection = new RelayConnection(client, target, faults);
                connections.add(connection);
                connection.start();
            } catch (SocketTimeoutException e) {
                // look at the flags again
            } catch (IOException e) {
                // the relay is closing, or this client went away at once: take the next one
            }
        }
    }

    @Override
    public void close() throws IOException {
        faults.close();
        server.close();
        for (RelayConnection connection : connections) {
            connection.close();
        }
        connections.clear();
    }
}
