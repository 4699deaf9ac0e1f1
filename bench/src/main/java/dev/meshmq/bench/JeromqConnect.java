package dev.meshmq.bench;

import java.util.concurrent.atomic.AtomicInteger;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Connects a JeroMQ socket and waits for JeroMQ to report the ZMTP greeting done, connecting again
 * when it does not come. JeroMQ 0.6.0 leaves a few percent of fresh tcp connects stalled for good:
 * the kernel connection is up, but JeroMQ never sends its greeting nor reads the peer's (measured:
 * 11 of 300 fresh JeroMQ REQ connects to a JeroMQ REP in another process, 13 of 300 to a libzmq REP).
 * A REQ or PUSH then blocks in {@code send} for ever, which hung a benchmark run. Disconnecting the
 * endpoint ends the stalled session and its pipe; the next connect is a fresh connection.
 *
 * <p>This runs at set-up only, before any measured window, and costs one inproc monitor per connect.
 *
 * <p>Thread-safety: call from the thread that owns the socket, like every JeroMQ socket call.
 */
final class JeromqConnect {

    /** How long one attempt waits for the greeting; JeroMQ's own handshake takes milliseconds. */
    static final int GREETING_WAIT_MILLIS = 3_000;

    private static final int ATTEMPTS = 5;
    private static final AtomicInteger MONITORS = new AtomicInteger();

    private JeromqConnect() {
    }

    /**
     * Connects {@code socket} to {@code endpoint}, which must already be bound, and returns once
     * JeroMQ has exchanged greetings there.
     *
     * @param context the socket's context, for the monitor socket
     * @param socket the socket to connect
     * @param endpoint a bound endpoint
     * @throws BenchFailure when no attempt got a greeting
     */
    static void connect(ZMQ.Context context, ZMQ.Socket socket, String endpoint) {
        connect(context, socket, endpoint, GREETING_WAIT_MILLIS, ATTEMPTS);
    }

    /**
     * {@link #connect(ZMQ.Context, ZMQ.Socket, String)} with its wait and number of attempts given.
     *
     * @return how many connects it took
     */
    static int connect(ZMQ.Context context, ZMQ.Socket socket, String endpoint, int waitMillis, int attempts) {
        if (endpoint.startsWith("inproc://")) {
            socket.connect(endpoint);
            return 1;
        }
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (connectAndAwaitGreeting(context, socket, endpoint, waitMillis)) {
                return attempt;
            }
            System.err.println("# jeromq: no ZMTP greeting from " + endpoint + " within " + waitMillis
                    + " ms (a JeroMQ 0.6.0 connect stall), connecting again");
            socket.disconnect(endpoint);
        }
        throw new BenchFailure("JeroMQ got no ZMTP greeting from " + endpoint + " in " + attempts + " connects");
    }

    private static boolean connectAndAwaitGreeting(ZMQ.Context context, ZMQ.Socket socket, String endpoint,
            int waitMillis) {
        String monitorEndpoint = "inproc://meshmq-bench-jeromq-connect-" + MONITORS.incrementAndGet();
        socket.monitor(monitorEndpoint, ZMQ.EVENT_HANDSHAKE_PROTOCOL);
        try (ZMQ.Socket monitor = context.socket(SocketType.PAIR)) {
            monitor.setLinger(0);
            monitor.setReceiveTimeOut(waitMillis);
            monitor.connect(monitorEndpoint);
            socket.connect(endpoint);
            boolean greeted = monitor.recv() != null;
            while (greeted && monitor.hasReceiveMore()) {
                monitor.recv();
            }
            return greeted;
        } finally {
            socket.monitor(null, 0);
        }
    }
}
