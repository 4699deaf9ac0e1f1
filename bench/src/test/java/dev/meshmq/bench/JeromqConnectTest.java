package dev.meshmq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * JeromqConnect against a front that leaves the first connections silent (as JeroMQ's own stall
 * does: the TCP connection is up, no greeting ever comes) and forwards later ones to a JeroMQ REP.
 */
class JeromqConnectTest {

    @Test
    void silentConnectionsAreReplacedUntilAGreetingComes() throws Exception {
        ZMQ.Context context = ZMQ.context(1);
        try (ZMQ.Socket rep = context.socket(SocketType.REP); ZMQ.Socket req = context.socket(SocketType.REQ);
                SilentThenForwarding front = new SilentThenForwarding(2, rep.bindToRandomPort("tcp://127.0.0.1"))) {
            rep.setReceiveTimeOut(5_000);
            req.setReceiveTimeOut(5_000);
            req.setLinger(0);
            rep.setLinger(0);
            assertEquals(3, JeromqConnect.connect(context, req, front.endpoint(), 300, 5));
            assertTrue(req.send("ping"));
            assertEquals("ping", rep.recvStr());
            assertTrue(rep.send("pong"));
            assertEquals("pong", req.recvStr());
        } finally {
            context.close();
        }
    }

    @Test
    void aPeerThatNeverGreetsEndsInABenchFailureNamingTheEndpoint() throws Exception {
        ZMQ.Context context = ZMQ.context(1);
        try (ZMQ.Socket req = context.socket(SocketType.REQ);
                SilentThenForwarding front = new SilentThenForwarding(99, 1)) {
            req.setLinger(0);
            BenchFailure failure = assertThrows(BenchFailure.class,
                    () -> JeromqConnect.connect(context, req, front.endpoint(), 200, 2));
            assertTrue(failure.getMessage().contains(front.endpoint()), failure.getMessage());
        } finally {
            context.close();
        }
    }

    /** Accepts on loopback; the first {@code silent} connections are held open and never answered. */
    private static final class SilentThenForwarding implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new ArrayList<>();
        private final Thread acceptor;

        SilentThenForwarding(int silent, int targetPort) throws IOException {
            acceptor = new Thread(() -> acceptAll(silent, targetPort), "silent-front");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String endpoint() {
            return "tcp://127.0.0.1:" + server.getLocalPort();
        }

        private void acceptAll(int silent, int targetPort) {
            try {
                for (int accepted = 0; ; accepted++) {
                    Socket client = server.accept();
                    synchronized (held) {
                        held.add(client);
                    }
                    if (accepted >= silent) {
                        Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                        synchronized (held) {
                            held.add(target);
                        }
                        pump(client.getInputStream(), target.getOutputStream());
                        pump(target.getInputStream(), client.getOutputStream());
                    }
                }
            } catch (IOException closed) {
                // the server socket was closed: the test is over
            }
        }

        private static void pump(InputStream from, OutputStream to) {
            Thread pump = new Thread(() -> {
                try {
                    from.transferTo(to);
                } catch (IOException ended) {
                    // one side closed
                }
            }, "front-pump");
            pump.setDaemon(true);
            pump.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (held) {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }
}
