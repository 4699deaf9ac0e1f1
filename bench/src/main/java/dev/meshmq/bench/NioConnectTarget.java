package dev.meshmq.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Semaphore;

/**
 * The baseline for connect-rate: how fast the kernel and the JDK accept, with no messaging library. A
 * blocking {@link ServerSocketChannel} on an ephemeral loopback port (backlog {@link ConnectTarget#BACKLOG})
 * and one accept-loop thread that accepts a connection, reads its one byte, closes it, and counts the
 * arrival. Clients are plain {@link Socket}s that connect and write one byte, and close abortively
 * ({@code SO_LINGER} 0, a reset): neither side then keeps the connection in TIME_WAIT, which would
 * otherwise pile up by the tens of thousands and make later connects to the same port wait for SYN
 * retransmissions (the libraries' clients close normally; they connect far more slowly).
 *
 * <p>Thread-safety: see {@link ConnectTarget}; the accept loop runs on a daemon thread of its own and
 * hands arrivals over through a semaphore.
 */
final class NioConnectTarget implements ConnectTarget {

    private final ServerSocketChannel server;
    private final InetSocketAddress address;
    private final Semaphore arrivals = new Semaphore(0);
    private final Thread acceptor;
    private volatile Throwable failure;

    NioConnectTarget() {
        try {
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
            address = (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the NIO baseline's server", e);
        }
        acceptor = new Thread(this::acceptLoop, "nio-accept-loop");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        ByteBuffer one = ByteBuffer.allocate(1);
        try {
            while (true) {
                try (SocketChannel channel = server.accept()) {
                    one.clear();
                    if (channel.read(one) != 1) {
                        throw new IOException("a client closed before sending its byte");
                    }
                }
                arrivals.release();
            }
        } catch (ClosedChannelException e) {
            return;
        } catch (IOException | RuntimeException e) {
            failure = e;
            arrivals.release(Integer.MAX_VALUE / 2);
        }
    }

    @Override
    public Client newClient() {
        Socket socket = new Socket();
        return new Client() {
            @Override
            public void connectAndSend() {
                try {
                    socket.setSoLinger(true, 0);
                    socket.connect(address);
                    socket.getOutputStream().write(1);
                } catch (IOException e) {
                    throw new UncheckedIOException("a NIO baseline client failed", e);
                }
            }

            @Override
            public void close() {
                try {
                    socket.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("closing a NIO baseline client failed", e);
                }
            }
        };
    }

    @Override
    public void awaitArrivals(int count) {
        try {
            arrivals.acquire(count);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while waiting for arrivals", e);
        }
        if (failure != null) {
            throw new BenchFailure("the NIO accept loop failed: " + failure, failure);
        }
    }

    @Override
    public void abort() {
        failure = new IllegalStateException("aborted");
        arrivals.release(Integer.MAX_VALUE / 2);
        closeServer();
    }

    @Override
    public void close() {
        closeServer();
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeServer() {
        try {
            server.close();
        } catch (IOException e) {
            failure = e;
        }
    }
}
