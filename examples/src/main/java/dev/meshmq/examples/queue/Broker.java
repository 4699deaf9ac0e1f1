package dev.meshmq.examples.queue;

import dev.meshmq.Context;
import dev.meshmq.ContextClosedException;
import dev.meshmq.Frame;
import dev.meshmq.HostUnreachableException;
import dev.meshmq.Message;
import dev.meshmq.Poller;
import dev.meshmq.RouterSocket;
import dev.meshmq.SocketOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The load-balancing broker: clients (REQ or DEALER) connect to the ROUTER frontend, workers (DEALER)
 * to the ROUTER backend. A worker says {@value #READY} when it starts and is ready again after each
 * result; each request goes to the worker that has been ready longest. Requests wait in the broker
 * while no worker is ready.
 *
 * <p>A request sent to a worker that died is lost with it; the broker does not track jobs, the
 * client's retry does. The broker only skips a worker it knows is gone: the backend is
 * ROUTER_MANDATORY, so sending to a vanished worker fails at once and the next worker gets the job.
 *
 * <p>Thread-safety: construct on any thread, then {@link #run()} on one thread; {@link #stop()} from
 * any thread.
 */
public final class Broker implements Runnable {

    /** The message a worker sends when it is ready for a job. */
    public static final String READY = "READY";

    private static final Duration POLL = Duration.ofMillis(100);

    private final Context context;
    private final RouterSocket frontend;
    private final RouterSocket backend;
    private final PrintStream out;
    private final Deque<Frame> readyWorkers = new ArrayDeque<>();
    private final Deque<Message> waitingRequests = new ArrayDeque<>();
    private volatile boolean running = true;
    private int readyAnnouncements;

    /**
     * Creates the broker's sockets and binds them.
     *
     * @param context the context
     * @param frontendEndpoint where clients connect, e.g. {@code tcp://*:5555}
     * @param backendEndpoint where workers connect, e.g. {@code tcp://*:5556}
     * @param out where the broker notes workers coming and going
     */
    public Broker(Context context, String frontendEndpoint, String backendEndpoint, PrintStream out) {
        this.context = context;
        this.out = out;
        this.frontend = context.createRouter();
        this.backend = context.createRouter();
        backend.set(SocketOptions.ROUTER_MANDATORY, true);
        backend.set(SocketOptions.ROUTER_HANDOVER, true);
        frontend.bind(frontendEndpoint);
        backend.bind(backendEndpoint);
    }

    /**
     * Returns the endpoint clients connect to, with its real port.
     *
     * @return the frontend endpoint
     */
    public String frontendEndpoint() {
        return frontend.lastEndpoint();
    }

    /**
     * Returns the endpoint workers connect to, with its real port.
     *
     * @return the backend endpoint
     */
    public String backendEndpoint() {
        return backend.lastEndpoint();
    }

    /** Routes requests and results until {@link #stop()}; closes the sockets when it ends. */
    @Override
    public void run() {
        try (frontend; backend; Poller poller = context.createPoller()) {
            poller.register(frontend, Poller.Interest.RECEIVE);
            poller.register(backend, Poller.Interest.RECEIVE);
            while (running) {
                for (Poller.ReadySocket ready : poller.poll(POLL)) {
                    if (ready.closed()) {
                        return;
                    }
                    if (ready.socket() == backend) {
                        backend.tryReceive().ifPresent(this::fromWorker);
                    } else {
                        frontend.tryReceive().ifPresent(waitingRequests::add);
                    }
                }
                dispatch();
            }
        } catch (ContextClosedException e) {
            // the context closed under the broker: it ends, as when its sockets are closed
        }
    }

    /**
     * Waits until workers have said {@link #READY} {@code count} times in all (a restarted worker
     * counts again), so that a demo can start its clients once its workers are in place.
     *
     * @param count how many announcements to wait for
     * @param timeout how long to wait at most
     * @return true if that many came in time
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public synchronized boolean awaitReady(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (readyAnnouncements < count) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
        return true;
    }

    private synchronized void announced() {
        readyAnnouncements++;
        notifyAll();
    }

    /** Makes {@link #run()} return within its poll interval. */
    public void stop() {
        running = false;
    }

    /** {@code [worker, READY]} or {@code [worker, client envelope..., result]}. */
    private void fromWorker(Message message) {
        Frame worker = message.frame(0);
        readyWorkers.remove(worker);
        readyWorkers.add(worker);
        if (message.size() == 2 && message.frame(1).asString().equals(READY)) {
            out.println("broker: " + worker.asString() + " is ready");
            announced();
            return;
        }
        frontend.send(Message.of(message.frames().subList(1, message.size())));
    }

    private void dispatch() {
        while (!waitingRequests.isEmpty() && !readyWorkers.isEmpty()) {
            Frame worker = readyWorkers.poll();
            try {
                backend.send(waitingRequests.peek().prepend(worker));
                waitingRequests.poll();
            } catch (HostUnreachableException e) {
                out.println("broker: " + worker.asString() + " is gone, trying the next worker");
            }
        }
    }
}
