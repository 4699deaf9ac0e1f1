package dev.meshmq.bench;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** JeroMQ 0.6.0, the baseline, through its {@code ZMQ.Socket} API. */
final class JeroMqImpl implements BenchImpl {

    /** Matches MeshMQ's default linger, so closing behaves alike; the benchmarks never rely on it. */
    private static final int LINGER_MILLIS = 2000;

    /** The keys of a CURVE run, or null. */
    private final CurveSetup curve;

    /**
     * Creates the JeroMQ side of a run.
     *
     * @param curve the keys of a CURVE run (binders are servers, connecters clients), or null for NULL
     */
    JeroMqImpl(CurveSetup curve) {
        this.curve = curve;
    }

    @Override
    public String name() {
        return "jeromq";
    }

    @Override
    public BenchContext open() {
        return new JeroContext(ZMQ.context(1), curve);
    }

    /**
     * A JeroMQ context. Its {@code term()} waits until every socket is closed and only the owning
     * thread may close a socket, so {@link #close()} closes the sockets first and {@link #abort()}
     * terminates on a separate thread (the blocked calls then fail with ETERM).
     */
    private static final class JeroContext implements BenchContext {

        private static final long TERM_WAIT_MILLIS = 5000;

        private final ZMQ.Context context;
        private final CurveSetup curve;
        private final List<JeroSocket> sockets = new ArrayList<>();

        JeroContext(ZMQ.Context context, CurveSetup curve) {
            this.context = context;
            this.curve = curve;
        }

        @Override
        public BenchSocket createPush() {
            return track(new JeroSocket(context, context.socket(SocketType.PUSH), curve));
        }

        @Override
        public BenchSocket createPull() {
            return track(new JeroSocket(context, context.socket(SocketType.PULL), curve));
        }

        @Override
        public BenchSocket createReq() {
            return track(new JeroSocket(context, context.socket(SocketType.REQ), curve));
        }

        @Override
        public BenchSocket createRep() {
            return track(new JeroSocket(context, context.socket(SocketType.REP), curve));
        }

        @Override
        public BenchSocket createPub(boolean noDrop) {
            ZMQ.Socket pub = context.socket(SocketType.PUB);
            pub.setXpubNoDrop(noDrop);
            return track(new JeroSocket(context, pub, curve));
        }

        @Override
        public BenchSocket createSub() {
            ZMQ.Socket sub = context.socket(SocketType.SUB);
            sub.subscribe(new byte[0]);
            return track(new JeroSocket(context, sub, curve));
        }

        private synchronized JeroSocket track(JeroSocket socket) {
            sockets.add(socket);
            return socket;
        }

        @Override
        public void close() {
            List<JeroSocket> open;
            synchronized (this) {
                open = new ArrayList<>(sockets);
                sockets.clear();
            }
            for (JeroSocket socket : open) {
                socket.close();
            }
            Thread term = terminate();
            try {
                term.join(TERM_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void abort() {
            terminate();
        }

        private Thread terminate() {
            Thread term = new Thread(context::term, "jeromq-term");
            term.setDaemon(true);
            term.start();
            return term;
        }
    }

    /** Adapts a JeroMQ socket. */
    private static final class JeroSocket implements BenchSocket {

        private final ZMQ.Context context;
        private final ZMQ.Socket socket;
        private final CurveSetup curve;
        private boolean closed;

        JeroSocket(ZMQ.Context context, ZMQ.Socket socket, CurveSetup curve) {
            this.context = context;
            this.socket = socket;
            this.curve = curve;
            socket.setSndHWM(HWM);
            socket.setRcvHWM(HWM);
            socket.setLinger(LINGER_MILLIS);
        }

        @Override
        public String bind(String endpoint) {
            if (curve != null) {
                socket.setCurveServer(true);
                socket.setCurveSecretKey(curve.serverSecret);
            }
            socket.bind(endpoint);
            return socket.getLastEndpoint();
        }

        @Override
        public void setBacklog(int connections) {
            socket.setBacklog(connections);
        }

        @Override
        public void connect(String endpoint) {
            setCurveClientKeys();
            JeromqConnect.connect(context, socket, endpoint);
        }

        @Override
        public void connectAsTheLibraryDoes(String endpoint) {
            setCurveClientKeys();
            socket.connect(endpoint);
        }

        private void setCurveClientKeys() {
            if (curve != null) {
                socket.setCurveServerKey(curve.serverPublic);
                socket.setCurvePublicKey(curve.clientPublic);
                socket.setCurveSecretKey(curve.clientSecret);
            }
        }

        @Override
        public void send(byte[] body) {
            while (!socket.send(body)) {
                // a PUB with XPUB_NODROP may report EAGAIN at the high-water mark even on a blocking send
                if (socket.errno() != ZMQ.Error.EAGAIN.getCode()) {
                    throw new IllegalStateException("JeroMQ send failed: errno " + socket.errno());
                }
            }
        }

        @Override
        public int receive() {
            byte[] body = socket.recv();
            if (body == null) {
                throw new IllegalStateException("JeroMQ receive failed: errno " + socket.errno());
            }
            return body.length;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                socket.close();
            }
        }
    }
}
