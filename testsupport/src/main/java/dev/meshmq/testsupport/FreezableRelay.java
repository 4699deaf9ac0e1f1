package dev.meshmq.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay for tests that simulates a frozen peer or a cut cable: it forwards bytes both ways
 * between its clients and a target port until {@link #freeze()}, after which it keeps every
 * connection open but forwards nothing and accepts nobody; {@link #thaw()} resumes both.
 *
 * <p>Thread-safety: {@link #freeze()}, {@link #thaw()} and {@link #close()} from any thread; the relay
 * forwards on threads of its own.
 */
public final class FreezableRelay implements AutoCloseable {

    private static final int POLL_MILLIS = 20;

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean frozen;
    private volatile boolean closed;

    public FreezableRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout(POLL_MILLIS);
        this.acceptor = new Thread(this::acceptLoop, "relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String endpoint() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    public synchronized void freeze() {
        frozen = true;
    }

    public synchronized void thaw() {
        frozen = false;
        notifyAll();
    }

    /** Blocks the relay's own threads while frozen; they wake on thaw or close. */
    private synchronized void awaitThawed() {
        while (frozen && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            if (frozen) {
                awaitThawed();
                continue;
            }
            try {
                Socket client = server.accept();
                Socket target = new Socket();
                target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
                sockets.add(client);
                sockets.add(target);
                pump(client, target);
                pump(target, client);
            } catch (SocketTimeoutException e) {
                // look at the flags again
            } catch (IOException e) {
                // the target refused or the relay is closing: take the next client
            }
        }
    }

    private void pump(Socket from, Socket to) throws IOException {
        from.setSoTimeout(POLL_MILLIS);
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread thread = new Thread(() -> copy(in, out, from, to), "relay-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void copy(InputStream in, OutputStream out, Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try {
            while (!closed) {
                if (frozen) {
                    awaitThawed();
                    continue;
                }
                int count;
                try {
                    count = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (count < 0) {
                    break;
                }
                out.write(buffer, 0, count);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away: close both below
        }
        closeQuietly(from);
        closeQuietly(to);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        server.close();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }
}
