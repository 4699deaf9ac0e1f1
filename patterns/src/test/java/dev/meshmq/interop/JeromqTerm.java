package dev.meshmq.interop;

import java.time.Duration;
import org.zeromq.ZMQ;

/**
 * Ends a JeroMQ context without letting JeroMQ hang the test: {@code ZMQ.Context.term()} runs on a daemon
 * thread and is waited for a bounded time. JeroMQ 0.6.0's term can wait for ever for one of its own sessions
 * after a CURVE handshake that failed (seen in a fresh-clone CI run: the test thread parked in
 * {@code Ctx.terminate} for minutes after every socket was closed with LINGER 0); that is JeroMQ's state,
 * not the MeshMQ side's, which the tests check before they get here.
 *
 * <p>Thread-safety: stateless.
 */
final class JeromqTerm {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private JeromqTerm() {
    }

    /** Terminates {@code context}, waiting up to 10 s; says so on stderr if JeroMQ did not finish. */
    static void terminate(ZMQ.Context context) {
        Thread terminator = new Thread(context::term, "jeromq-term");
        terminator.setDaemon(true);
        terminator.start();
        try {
            terminator.join(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminator.isAlive()) {
            System.err.println("JeroMQ's context did not terminate within " + WAIT + "; left to its daemon thread");
        }
    }
}
