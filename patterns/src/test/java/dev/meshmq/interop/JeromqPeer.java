package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.fail;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * A JeroMQ peer running a {@link PeerSpec} on a thread of the test JVM, reporting the same lines as
 * zmq_peer.py. Every blocking JeroMQ call has a timeout of {@value #STEP_TIMEOUT_MILLIS} ms, so a
 * failure ends the peer instead of hanging it; {@link #close()} terminates its context, which also
 * ends a call in progress. {@code DONE} means the role finished and the socket was closed; queued
 * messages are flushed (up to the linger) when {@link #close()} terminates the context.
 *
 * <p>Connecting, the peer waits for JeroMQ's handshake-succeeded monitor event before it plays its
 * role, and connects again if none comes within {@value #HANDSHAKE_WAIT_MILLIS} ms: with JeroMQ 0.6.0
 * a few percent of fresh tcp connections never complete the handshake (seen against libzmq and JeroMQ
 * binders alike, with no MeshMQ involved), which would make the suite flaky for reasons outside MeshMQ.
 * Each such retry is listed in {@link #diagnostics()}.
 */
final class JeromqPeer implements InteropPeer {

    /** Timeout of each blocking JeroMQ call. */
    static final int STEP_TIMEOUT_MILLIS = 5_000;

    private static final int LINGER_MILLIS = 5_000;
    private static final int HANDSHAKE_WAIT_MILLIS = 1_000;
    private static final int CONNECT_ATTEMPTS = 5;
    private static final int PUBLISH_PAUSE_MILLIS = 50;
    private static final AtomicInteger MONITORS = new AtomicInteger();

    private final ZMQ.Context context = ZMQ.context(1);
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final StringBuffer errors = new StringBuffer();
    private final PeerSpec spec;
    private final PeerLines lines;
    private final Thread thread;
    private boolean closed;
    private volatile boolean stopping;

    private JeromqPeer(PeerSpec spec) {
        this.spec = spec;
        this.lines = new PeerLines(toString(), this::diagnostics);
        this.thread = new Thread(this::run, "jeromq-peer");
        thread.setDaemon(true);
    }

    /**
     * Starts the peer for {@code spec}; when it binds, its first line is {@code BOUND <endpoint>}.
     *
     * @param spec what the peer does
     * @return the running peer
     */
    static JeromqPeer start(PeerSpec spec) {
        JeromqPeer peer = new JeromqPeer(spec);
        peer.thread.start();
        return peer;
    }

    @Override
    public String awaitLine(Duration timeout) {
        return lines.next(timeout);
    }

    @Override
    public String awaitPrefix(String prefix, Duration timeout) {
        return lines.nextWithPrefix(prefix, timeout);
    }

    @Override
    public int awaitExit(Duration timeout) {
        try {
            return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail(this + " did not finish within " + timeout + "\n" + diagnostics());
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exit status is never completed exceptionally", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + this, e);
        }
    }

    @Override
    public String diagnostics() {
        String status = exit.isDone() ? "exit status " + exit.getNow(-1) : "still running";
        return this + ": " + status + "; errors:\n" + errors;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping = true;
        context.term();
        try {
            thread.join(STEP_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "JeroMQ peer (" + spec + ")";
    }

    private void run() {
        int status = 1;
        try (ZMQ.Socket socket = context.socket(SocketType.valueOf(spec.type()))) {
            socket.setLinger(LINGER_MILLIS);
            socket.setReceiveTimeOut(STEP_TIMEOUT_MILLIS);
            socket.setSendTimeOut(STEP_TIMEOUT_MILLIS);
            if (spec.bind()) {
                socket.bind(spec.endpoint());
                lines.add("BOUND " + socket.getLastEndpoint());
            } else {
                connect(socket);
            }
            play(socket);
            status = 0;
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            errors.append(trace);
        }
        if (status == 0) {
            lines.add("DONE");
        }
        lines.end();
        exit.complete(status);
    }

    private void connect(ZMQ.Socket socket) {
        String monitorEndpoint = "inproc://jeromq-peer-monitor-" + MONITORS.incrementAndGet();
        socket.monitor(monitorEndpoint, ZMQ.EVENT_HANDSHAKE_PROTOCOL);
        try (ZMQ.Socket monitor = context.socket(SocketType.PAIR)) {
            monitor.setReceiveTimeOut(HANDSHAKE_WAIT_MILLIS);
            monitor.connect(monitorEndpoint);
            socket.connect(spec.endpoint());
            for (int attempt = 1; !receivedEvent(monitor); attempt++) {
                if (attempt == CONNECT_ATTEMPTS) {
                    throw new IllegalStateException("no handshake with " + spec.endpoint() + " after " + attempt
                            + " connection attempts of " + HANDSHAKE_WAIT_MILLIS + " ms");
                }
                errors.append("no handshake within ").append(HANDSHAKE_WAIT_MILLIS).append(" ms, connecting again\n");
                socket.disconnect(spec.endpoint());
                socket.connect(spec.endpoint());
            }
        }
        socket.monitor(null, 0);
    }

    /** Takes one monitor event (only the handshake event is subscribed), or returns false on timeout. */
    private static boolean receivedEvent(ZMQ.Socket monitor) {
        if (monitor.recv() == null) {
            return false;
        }
        while (monitor.hasReceiveMore()) {
            monitor.recv();
        }
        return true;
    }

    private void play(ZMQ.Socket socket) {
        if (spec.role() == PeerRole.SEND) {
            for (String token : spec.messages()) {
                send(socket, PeerFormat.parse(token));
            }
            return;
        }
        if (spec.role() == PeerRole.PUBLISH) {
            publish(socket);
            return;
        }
        if (spec.role() == PeerRole.SUBSCRIBE) {
            subscribe(socket);
        }
        for (int i = 0; i < spec.messages().size(); i++) {
            Message message = receive(socket);
            lines.add(PeerFormat.line(message));
            if (spec.role() == PeerRole.ECHO) {
                send(socket, message);
            }
        }
    }

    private void subscribe(ZMQ.Socket socket) {
        byte[] topic = spec.topic().getBytes(StandardCharsets.UTF_8);
        if ("SUB".equals(spec.type())) {
            socket.subscribe(topic);
            return;
        }
        byte[] subscription = new byte[topic.length + 1];
        subscription[0] = 1;
        System.arraycopy(topic, 0, subscription, 1, topic.length);
        socket.send(subscription);
    }

    /**
     * XPUB: waits for the first subscription, reports it and publishes once. PUB: cannot tell when a
     * subscriber is in place, so publishes the list every {@value #PUBLISH_PAUSE_MILLIS} ms (a pace, not
     * a wait for a condition) until {@link #close()} terminates the context or the step timeout passes.
     */
    private void publish(ZMQ.Socket socket) {
        if ("XPUB".equals(spec.type())) {
            lines.add("SUB " + PeerFormat.line(receive(socket)).substring("MSG ".length()));
            for (String token : spec.messages()) {
                send(socket, PeerFormat.parse(token));
            }
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MILLIS);
        while (System.nanoTime() - deadline < 0 && !stopping) {
            for (String token : spec.messages()) {
                send(socket, PeerFormat.parse(token));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PUBLISH_PAUSE_MILLIS));
        }
    }

    private static void send(ZMQ.Socket socket, Message message) {
        for (int i = 0; i < message.size(); i++) {
            boolean last = i == message.size() - 1;
            if (!socket.send(message.frame(i).toByteArray(), last ? 0 : ZMQ.SNDMORE)) {
                throw new IllegalStateException("send timed out after " + STEP_TIMEOUT_MILLIS + " ms (errno "
                        + socket.errno() + ")");
            }
        }
    }

    private static Message receive(ZMQ.Socket socket) {
        List<Frame> frames = new ArrayList<>();
        do {
            byte[] frame = socket.recv();
            if (frame == null) {
                throw new IllegalStateException("receive timed out after " + STEP_TIMEOUT_MILLIS + " ms (errno "
                        + socket.errno() + ")");
            }
            frames.add(Frame.wrap(frame));
        } while (socket.hasReceiveMore());
        return Message.of(frames);
    }
}
