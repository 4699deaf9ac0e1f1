package dev.meshmq.transport;

import dev.meshmq.AuthenticationRequest;
import dev.meshmq.AuthenticationResult;
import dev.meshmq.Authenticator;
import java.lang.System.Logger.Level;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The authentication thread of one context: judges the peers of sockets that authenticate, off the I/O
 * threads. A request goes to the socket's {@link Authenticator} if it has one, else to the ZAP handler
 * bound at {@code inproc://zeromq.zap.01} ({@link ZapClient}), else comes back as "nobody judged". The
 * verdict is handed to the request's callback on this thread; the callback posts it to the
 * connection's I/O thread.
 *
 * <p>The thread is a daemon, started by the first request and stopped by {@link #stop} when the context
 * closes; requests still pending then get no answer (their connections are closing too).
 *
 * <p>Thread-safety: {@link #submit} and {@link #stop} from any thread; everything else runs on the
 * authentication thread.
 */
final class AuthenticationService {

    private static final System.Logger LOG = SafeLogger.of(AuthenticationService.class);

    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final ZapClient zap;
    private Thread thread;
    private boolean stopped;

    AuthenticationService(InprocRegistry inproc) {
        this.zap = new ZapClient(inproc, this::post);
    }

    /**
     * Asks about a peer. Any thread; never blocks.
     *
     * @param authenticator the socket's authenticator, or null for ZAP
     * @param request the request
     * @param zapIdentity the identity frame of a ZAP request (libzmq sends the server socket's own
     *     routing id)
     * @param reply gets the verdict, on the authentication thread; must not block
     */
    void submit(Authenticator authenticator, AuthenticationRequest request, byte[] zapIdentity,
            Consumer<Verdict> reply) {
        post(() -> {
            if (authenticator != null) {
                reply.accept(askAuthenticator(authenticator, request));
            } else if (!zap.ask(request, zapIdentity, reply)) {
                reply.accept(Verdict.noJudge());
            }
        });
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private static Verdict askAuthenticator(Authenticator authenticator, AuthenticationRequest request) {
        try {
            AuthenticationResult result = authenticator.authenticate(request);
            if (result == null) {
                return Verdict.judged(AuthenticationResult.deny(AuthenticationResult.INTERNAL_ERROR,
                        "the authenticator returned null"));
            }
            return Verdict.judged(result);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the authenticator failed on " + request + "; the peer is refused", e);
            return Verdict.judged(AuthenticationResult.deny(AuthenticationResult.INTERNAL_ERROR,
                    "the authenticator failed: " + e));
        }
    }

    private void post(Runnable task) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (thread == null) {
                thread = new Thread(this::run, "meshmq-auth");
                thread.setDaemon(true);
                thread.start();
            }
        }
        tasks.add(task);
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void run() {
        while (true) {
            Runnable task;
            try {
                task = tasks.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "an authentication task failed", e);
            }
        }
    }

    /** Stops the thread (the context is closing). Any thread. */
    void stop() {
        Thread running;
        synchronized (this) {
            stopped = true;
            running = thread;
        }
        if (running != null) {
            running.interrupt();
        }
    }
}
