package dev.meshmq.transport;

/**
 * The end of a stream connection that its socket closed (or disconnected): it sends what is queued and
 * then closes, or closes when the linger expires, whichever comes first. A connection still in its
 * handshake with messages queued finishes the handshake first; one with nothing queued, or with a
 * linger of zero, closes at once.
 *
 * <p>Thread-safety: owned by the connection's I/O thread.
 */
final class EngineLinger {

    private final IoThread io;
    private final StreamEngine engine;
    private Timer timer;
    private boolean terminating;

    EngineLinger(IoThread io, StreamEngine engine) {
        this.io = io;
        this.engine = engine;
    }

    boolean terminating() {
        return terminating;
    }

    /**
     * Starts the end.
     *
     * @param lingerNanos the longest time to keep sending
     * @param worthFinishing whether anything is queued that finishing the handshake would send
     */
    void terminate(long lingerNanos, java.util.function.BooleanSupplier worthFinishing) {
        if (engine.state() == StreamEngine.State.CLOSED || terminating) {
            return;
        }
        terminating = true;
        boolean active = engine.state() == StreamEngine.State.ACTIVE;
        if (lingerNanos == 0 || (!active && !worthFinishing.getAsBoolean())) {
            engine.close("closed by the socket");
            return;
        }
        timer = io.schedule(lingerNanos, engine.guarded(() -> engine.close("linger expired")));
        if (active) {
            engine.flushNow();
        }
    }

    /** The connection closed: the linger timer is not needed any more. */
    void cancel() {
        if (timer != null) {
            timer.cancel();
        }
    }
}
