package dev.meshmq.transport;

import dev.meshmq.Message;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * The input side of one stream connection: reads the channel into its I/O thread's shared input
 * buffer and hands the bytes to the connection's decoder, and holds back when the socket's inbound
 * pipe is full.
 *
 * <p>States: {@link State#READING}, or {@link State#PAUSED} while the socket has not taken what came
 * in; {@link #hold} and {@link #resume} are the only transitions. While paused the message the pipe
 * refused and the bytes not decoded yet are kept here (a heap copy of just those bytes), the channel
 * is not read, and the kernel's buffers push back on the peer. When the socket has drained the pipe,
 * {@link #retry} delivers the held message, decodes the held bytes and reads on.
 *
 * <p>Large bodies: once the decoder is inside a body with at least {@value #DIRECT_READ_MINIMUM} bytes
 * still to come, the channel reads straight into the body's array instead of the shared buffer, so
 * those bytes are not copied out of it again, and a large body takes a few large reads.
 *
 * <p>Thread-safety: used under the connection's {@link DirectReceive} lock, by its I/O thread or by the
 * application thread reading directly.
 */
final class EngineInput {

    /** What the input side needs from its connection. */
    interface Connection {

        /** Decodes {@code in}; may call {@link #hold} and stop early, leaving bytes in it. */
        void decode(ByteBuffer in);

        /**
         * Returns a buffer over the next bytes of the body being decoded, if at least {@code minimum}
         * of them are still to come, for the channel to read into directly; the next {@link #decode}
         * (of an empty buffer if need be) counts what it received. Null otherwise.
         */
        ByteBuffer directTarget(int minimum);

        /** Returns whether the connection is still open. */
        boolean isOpen();

        /** Closes the connection for {@code reason}. */
        void close(String reason);

        /** Asks the selector to report the channel readable, or not. */
        void wantReads(boolean wanted);

        /** Bytes arrived from the peer (for the heartbeat). */
        void inputArrived();

        /** Reading stopped ({@code true}) or started again ({@code false}) because of the socket. */
        void pausedBySocket(boolean paused);
    }

    /** Whether the channel is read. */
    enum State { READING, PAUSED }

    private static final int READS_PER_EVENT = 8;

    /** Fewest body bytes still to come for the channel to read into the body directly. */
    static final int DIRECT_READ_MINIMUM = 32 * 1024;

    private static final ByteBuffer NO_INPUT = ByteBuffer.allocate(0);

    private final ReadableByteChannel channel;
    private final IoBuffers buffers;
    private final Connection connection;
    private State state = State.READING;
    private Message refused;
    private ByteBuffer undecoded;

    EngineInput(ReadableByteChannel channel, IoBuffers buffers, Connection connection) {
        this.channel = channel;
        this.buffers = buffers;
        this.connection = connection;
    }

    boolean isPaused() {
        return state == State.PAUSED;
    }

    /** Reads and decodes what the channel has into the I/O thread's shared buffer. I/O thread. */
    void read() {
        read(buffers.input(), READS_PER_EVENT);
    }

    /**
     * Reads and decodes what the channel has, a bounded number of reads, while reading is on.
     *
     * @param shared the buffer to read into (the I/O thread's, or the application thread's for a direct read);
     *     nothing is left in it
     * @param reads the most reads to make
     * @return true if the last read filled its buffer: the channel may have more
     */
    boolean read(ByteBuffer shared, int reads) {
        boolean filled = false;
        for (int round = 0; round < reads && connection.isOpen() && state == State.READING; round++) {
            ByteBuffer direct = connection.directTarget(DIRECT_READ_MINIMUM);
            ByteBuffer in = direct != null ? direct : shared.clear();
            int wanted = in.remaining();
            int count;
            try {
                count = channel.read(in);
            } catch (IOException e) {
                connection.close("read failed: " + e.getMessage());
                return false;
            }
            if (count < 0) {
                connection.close("peer closed the connection");
                return false;
            }
            if (count == 0) {
                return false;
            }
            connection.inputArrived();
            if (direct != null) {
                connection.decode(NO_INPUT);
            } else {
                in.flip();
                connection.decode(in);
                if (connection.isOpen() && in.hasRemaining()) {
                    keepUndecoded(in);
                }
            }
            filled = count == wanted;
            if (!filled) {
                return false;
            }
        }
        return filled;
    }

    /** Keeps what the paused decoder left in the shared buffer, in a heap buffer of just that size. */
    private void keepUndecoded(ByteBuffer in) {
        if (state != State.PAUSED) {
            throw new IllegalStateException("decoder stopped with " + in.remaining() + " bytes left while reading");
        }
        undecoded = ByteBuffer.allocate(in.remaining()).put(in).flip();
    }

    /**
     * The inbound pipe refused {@code message}: keep it and stop reading until {@link #retry}.
     *
     * @param message the message to deliver first when the socket has room again
     */
    void hold(Message message) {
        refused = message;
        state = State.PAUSED;
        connection.wantReads(false);
        connection.pausedBySocket(true);
    }

    /**
     * The socket drained the inbound pipe: deliver the held message and the held bytes, then read on,
     * unless the pipe fills up again first.
     *
     * @param inbound the pipe to the socket
     */
    void retry(Pipe inbound) {
        if (refused == null || !inbound.write(refused)) {
            return;
        }
        refused = null;
        state = State.READING;
        if (undecoded != null) {
            connection.decode(undecoded);
            if (!undecoded.hasRemaining()) {
                undecoded = null;
            }
        }
        if (connection.isOpen() && refused == null) {
            resume();
            read();
        }
    }

    private void resume() {
        state = State.READING;
        connection.wantReads(true);
        connection.pausedBySocket(false);
    }

    /** The connection closed: what was held is dropped with it. */
    void release() {
        refused = null;
        undecoded = null;
    }
}
