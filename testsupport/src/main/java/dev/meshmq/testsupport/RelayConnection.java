package dev.meshmq.testsupport;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One relayed connection of a {@link FaultyRelay}: a client socket, its socket to the target, and a
 * {@link RelayPump} for each direction. An end of stream is passed on as a FIN (half-close) and an error
 * (an RST or a failed write) as an RST to the other side; once both directions have ended the sockets
 * are closed.
 *
 * <p>Thread-safety: {@link #reset}, {@link #halfClose} and {@link #close} from any thread; the pumps run
 * on their own threads.
 */
final class RelayConnection {

    private final Socket client;
    private final Socket target;
    private final RelayPump toTarget;
    private final RelayPump toClient;
    private final AtomicInteger directionsEnded = new AtomicInteger();
    private volatile boolean closed;

    RelayConnection(Socket client, Socket target, RelayFaults faults) throws IOException {
        this.client = client;
        this.target = target;
        this.toTarget = new RelayPump(FaultyRelay.Direction.TO_TARGET, client, target, faults, this);
        this.toClient = new RelayPump(FaultyRelay.Direction.TO_CLIENT, target, client, faults, this);
    }

    void start() {
        toTarget.start();
        toClient.start();
    }

    boolean isClosed() {
        return closed;
    }

    /** A pump passed an end of stream on; after both, the connection is done. */
    void directionEnded() {
        if (directionsEnded.incrementAndGet() == 2) {
            close();
        }
    }

    /** A pump failed (the peer reset, or a write failed): reset both sides, as a broken path would. */
    void failed() {
        reset();
    }

    void reset() {
        closed = true;
        lingerZero(client);
        lingerZero(target);
        closeQuietly(client);
        closeQuietly(target);
    }

    void halfClose(FaultyRelay.Side side) {
        if (side == FaultyRelay.Side.CLIENT) {
            toClient.endNow();
        } else {
            toTarget.endNow();
        }
    }

    void close() {
        closed = true;
        closeQuietly(client);
        closeQuietly(target);
    }

    private static void lingerZero(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed: nothing to reset
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
