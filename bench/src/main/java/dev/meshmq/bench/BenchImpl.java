package dev.meshmq.bench;

import java.util.Locale;

/**
 * One messaging library under test. Both implementations create the same socket types with the same
 * high-water marks (1000 messages each way, set explicitly) and move plain {@code byte[]} bodies, so
 * a figure for one is comparable with the same figure for the other.
 *
 * <p>Thread-safety: {@link #open()} may be called from any thread; what it returns follows
 * {@link BenchContext}.
 */
interface BenchImpl {

    /** The high-water mark both implementations set on every socket, send and receive side. */
    int HWM = 1000;

    /**
     * Returns the name used on the command line and in results.
     *
     * @return "meshmq" or "jeromq"
     */
    String name();

    /**
     * Opens a context with one I/O thread.
     *
     * @return the context
     */
    BenchContext open();

    /**
     * Returns the implementation with the given command-line name.
     *
     * @param name "meshmq" or "jeromq"
     * @return the implementation
     * @throws IllegalArgumentException for any other name
     */
    static BenchImpl named(String name) {
        return named(name, BenchOptions.DEFAULT_SPIN);
    }

    /**
     * Returns the implementation with the given command-line name; MeshMQ's contexts spin for
     * {@code spinUs} microseconds ({@code ContextConfig.withSpinWait}), JeroMQ ignores it.
     *
     * @param name "meshmq" or "jeromq"
     * @param spinUs microseconds, or {@link BenchOptions#DEFAULT_SPIN} for MeshMQ's default
     * @return the implementation
     * @throws IllegalArgumentException for any other name
     */
    static BenchImpl named(String name, int spinUs) {
        return named(name, spinUs, null);
    }

    /**
     * Returns the named library, with a spin setting (MeshMQ only) and CURVE keys.
     *
     * @param name "meshmq" or "jeromq"
     * @param spinUs MeshMQ's spin in microseconds, or {@link BenchOptions#DEFAULT_SPIN}
     * @param curve the keys of a CURVE run (binders are servers, connecters clients), or null for NULL
     * @return the implementation
     */
    static BenchImpl named(String name, int spinUs, CurveSetup curve) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "meshmq":
                return new MeshMqImpl(spinUs, curve);
            case "jeromq":
                return new JeroMqImpl(curve);
            default:
                throw new IllegalArgumentException("unknown implementation: " + name);
        }
    }

    /** A context of one implementation: creates sockets, and closing it closes them all. */
    interface BenchContext extends AutoCloseable {

        /**
         * Creates a PUSH socket.
         *
         * @return the socket
         */
        BenchSocket createPush();

        /**
         * Creates a PULL socket.
         *
         * @return the socket
         */
        BenchSocket createPull();

        /**
         * Creates a REQ socket.
         *
         * @return the socket
         */
        BenchSocket createReq();

        /**
         * Creates a REP socket.
         *
         * @return the socket
         */
        BenchSocket createRep();

        /**
         * Creates a PUB socket.
         *
         * @param noDrop set XPUB_NODROP: wait for room at the high-water mark instead of dropping
         * @return the socket
         */
        BenchSocket createPub(boolean noDrop);

        /**
         * Creates a SUB socket subscribed to every message.
         *
         * @return the socket
         */
        BenchSocket createSub();

        /** Closes the sockets and the context, after every thread using them has finished. */
        @Override
        void close();

        /**
         * Ends blocked calls on this context's sockets from another thread, with an exception in
         * the blocked threads; never blocks itself. Used when a run misses its deadline.
         */
        void abort();
    }

    /** A socket of one implementation, reduced to what the benchmarks use. Single owner. */
    interface BenchSocket extends AutoCloseable {

        /**
         * Binds.
         *
         * @param endpoint the endpoint, possibly with a wildcard port
         * @return the resolved endpoint
         */
        String bind(String endpoint);

        /**
         * Sets how many pending connections the kernel queues for a later {@link #bind} (listen backlog).
         *
         * @param connections the backlog
         */
        void setBacklog(int connections);

        /**
         * Connects to a bound endpoint, ready for the measured traffic: the JeroMQ adapter waits for the
         * ZMTP greeting and connects again if JeroMQ stalls ({@link JeromqConnect}).
         *
         * @param endpoint the endpoint
         */
        void connect(String endpoint);

        /**
         * Connects exactly as the library does, with no wait or retry by the harness: the connect-rate
         * benchmark measures this, stalls included.
         *
         * @param endpoint the endpoint
         */
        default void connectAsTheLibraryDoes(String endpoint) {
            connect(endpoint);
        }

        /**
         * Sends one single-frame message, blocking at the high-water mark. The array is not copied
         * and must not change afterwards.
         *
         * @param body the body
         */
        void send(byte[] body);

        /**
         * Waits for the next message.
         *
         * @return the size of its body in bytes
         */
        int receive();

        /** Closes the socket. */
        @Override
        void close();
    }
}
