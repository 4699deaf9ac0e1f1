package dev.meshmq.patterns.proxy;

import dev.meshmq.Context;
import dev.meshmq.ContextClosedException;
import dev.meshmq.MeshException;
import dev.meshmq.MeshInterruptedException;
import dev.meshmq.MessageReceiver;
import dev.meshmq.MessageSender;
import dev.meshmq.Poller;
import dev.meshmq.Proxy;
import dev.meshmq.ProxyStatistics;
import dev.meshmq.Socket;
import dev.meshmq.transport.SafeLogger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link Proxy} of a {@link Context}: a thread that polls the two sockets with one of the
 * context's pollers and forwards in each direction the sockets allow. Steering sets a state in a
 * {@link ProxyControl} and wakes the poller; no socket is involved.
 *
 * <p>Thread-safety: the public methods from any thread; the sockets and the poller on the proxy thread
 * while it runs.
 */
public final class MeshProxy implements Proxy {

    /** Longest single poll; the loop polls again, so this only bounds how long one call parks. */
    private static final Duration POLL_SLICE = Duration.ofSeconds(1);
    /** The logger's name: the class's name before the patterns package was split, kept for logging configurations. */
    static final String LOGGER_NAME = "dev.meshmq.patterns.MeshProxy";
    private static final System.Logger LOG = SafeLogger.named(LOGGER_NAME);

    private final Poller poller;
    private final ProxyControl control;
    private final ProxyCapture capture;
    private final List<ProxyDirection> directions = new ArrayList<>();
    /** Frontend to backend, or null if the frontend cannot receive or the backend cannot send. */
    private final ProxyDirection toBackend;
    /** Backend to frontend, or null. */
    private final ProxyDirection toFrontend;
    private final AtomicLong discarded = new AtomicLong();
    private final Thread thread;
    /** What the poller has registered now; proxy thread only. */
    private Map<Socket, Poller.Interest> registered = Map.of();

    /** Creates and starts the proxy between {@code frontend} and {@code backend}; called by the context. */
    public MeshProxy(Context context, Socket frontend, Socket backend, Socket capture) {
        Objects.requireNonNull(frontend, "frontend");
        Objects.requireNonNull(backend, "backend");
        if (frontend == backend) {
            throw new IllegalArgumentException("the frontend and the backend must be two sockets");
        }
        if (capture != null && (capture == frontend || capture == backend)) {
            throw new IllegalArgumentException("the capture socket must not be one of the sides");
        }
        this.capture = new ProxyCapture((MessageSender) capture);
        this.toBackend = frontend instanceof MessageReceiver && backend instanceof MessageSender
                ? new ProxyDirection(frontend, backend, this.capture) : null;
        this.toFrontend = backend instanceof MessageReceiver && frontend instanceof MessageSender
                ? new ProxyDirection(backend, frontend, this.capture) : null;
        if (toBackend != null) {
            directions.add(toBackend);
        }
        if (toFrontend != null) {
            directions.add(toFrontend);
        }
        if (directions.isEmpty()) {
            throw new IllegalArgumentException("nothing to forward between a " + frontend.type() + " and a "
                    + backend.type() + " socket");
        }
        this.poller = context.createPoller();
        checkContext(frontend);
        checkContext(backend);
        if (capture != null) {
            checkContext(capture);
        }
        this.control = new ProxyControl(poller::wakeup);
        this.thread = new Thread(this::run, "meshmq-proxy-" + frontend.type() + "-" + backend.type());
        thread.setDaemon(true);
        thread.start();
    }

    /** Fails unless the socket is of the poller's context (the poller checks; it is left unregistered). */
    private void checkContext(Socket socket) {
        poller.register(socket, socket instanceof MessageReceiver ? Poller.Interest.RECEIVE : Poller.Interest.SEND);
        poller.unregister(socket);
    }

    private void run() {
        try {
            ProxyControl.State state;
            while ((state = control.takeOver()) != ProxyControl.State.TERMINATED) {
                if (state == ProxyControl.State.PAUSED) {
                    poller.close();
                    registered = Map.of();
                    poller.poll(POLL_SLICE);
                } else if (!forwardOnce()) {
                    return;
                }
            }
        } catch (ContextClosedException e) {
            LOG.log(System.Logger.Level.DEBUG, "proxy stopped: the context closed");
        } catch (MeshException | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "proxy stopped: " + e, e);
        } finally {
            poller.close();
            for (ProxyDirection direction : directions) {
                discarded.addAndGet(direction.discardHeld());
            }
            control.ended();
        }
    }

    /** Registers what each direction waits for, polls, and forwards; false if a socket was closed. */
    private boolean forwardOnce() {
        Map<Socket, Poller.Interest> wanted = new HashMap<>();
        for (ProxyDirection direction : directions) {
            if (direction.holding()) {
                wanted.merge(direction.destination, Poller.Interest.SEND, MeshProxy::both);
            } else {
                wanted.merge(direction.source, Poller.Interest.RECEIVE, MeshProxy::both);
            }
        }
        if (!wanted.equals(registered)) {
            poller.close();
            wanted.forEach(poller::register);
            registered = wanted;
        }
        for (Poller.ReadySocket ready : poller.poll(POLL_SLICE)) {
            if (ready.closed()) {
                return false;
            }
        }
        for (ProxyDirection direction : directions) {
            direction.forward();
        }
        return true;
    }

    private static Poller.Interest both(Poller.Interest one, Poller.Interest other) {
        return one == other ? one : Poller.Interest.RECEIVE_OR_SEND;
    }

    @Override
    public void pause() {
        control.request(ProxyControl.State.PAUSED, true);
    }

    @Override
    public void resume() {
        control.request(ProxyControl.State.RUNNING, false);
    }

    @Override
    public void terminate() {
        control.request(ProxyControl.State.TERMINATED, false);
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshInterruptedException("interrupted while waiting for the proxy thread to end");
        }
    }

    @Override
    public boolean isRunning() {
        return thread.isAlive() && !control.isEnded();
    }

    @Override
    public ProxyStatistics statistics() {
        return new ProxyStatistics(messages(toBackend), bytes(toBackend), messages(toFrontend),
                bytes(toFrontend), capture.missed(), discarded.get());
    }

    private static long messages(ProxyDirection direction) {
        return direction == null ? 0 : direction.messages();
    }

    private static long bytes(ProxyDirection direction) {
        return direction == null ? 0 : direction.bytes();
    }

    @Override
    public void close() {
        terminate();
    }
}
