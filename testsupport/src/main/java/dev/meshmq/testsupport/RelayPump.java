package dev.meshmq.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One direction of a {@link RelayConnection}: a reader thread that reads chunks, corrupts them if asked
 * and queues each with the time it is due (now plus the latency), and a writer thread that writes due
 * chunks no faster than the bandwidth allows. Both wait while the relay is stalled. An end of stream is
 * passed on as {@code shutdownOutput}; after {@link #endNow()} the destination gets its FIN at once and
 * what still arrives for it is dropped.
 *
 * <p>Thread-safety: {@link #endNow()} from any thread; everything else runs on the pump's two threads.
 */
final class RelayPump {

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Pieces written under a bandwidth limit: a fiftieth of a second's worth, so the pace stays even. */
    private static final int PACE_SLICES_PER_SECOND = 50;

    private final FaultyRelay.Direction direction;
    private final Socket from;
    private final Socket to;
    private final RelayFaults faults;
    private final RelayConnection connection;
    private final DelayQueue<Chunk> queue = new DelayQueue<>();
    private volatile boolean ended;
    private long nextWriteNanos;
    private long lastDueNanos = Long.MIN_VALUE;
    private long chunksRead;

    RelayPump(FaultyRelay.Direction direction, Socket from, Socket to, RelayFaults faults,
            RelayConnection connection) throws IOException {
        this.direction = direction;
        this.from = from;
        this.to = to;
        this.faults = faults;
        this.connection = connection;
        from.setSoTimeout(FaultyRelay.POLL_MILLIS);
    }

    void start() {
        String name = "faulty-relay-" + direction.name().toLowerCase(java.util.Locale.ROOT);
        Thread reader = new Thread(this::readLoop, name + "-read");
        Thread writer = new Thread(this::writeLoop, name + "-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    /** Half-closes towards the destination now; later bytes for it are read and dropped. */
    void endNow() {
        if (!ended) {
            ended = true;
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // the connection is gone already
            }
        }
    }

    private void readLoop() {
        byte[] buffer = new byte[BUFFER_SIZE];
        try {
            InputStream in = from.getInputStream();
            while (!connection.isClosed() && faults.awaitFlowing()) {
                int count;
                try {
                    count = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                // TCP does not reorder: a chunk is never due before the one read ahead of it
                long due = Math.max(System.nanoTime() + faults.latencyNanos(), lastDueNanos);
                lastDueNanos = due;
                if (count < 0) {
                    queue.put(new Chunk(null, due, chunksRead++));
                    return;
                }
                byte[] bytes = Arrays.copyOf(buffer, count);
                faults.applyCorruption(direction, bytes, count);
                queue.put(new Chunk(bytes, due, chunksRead++));
            }
        } catch (IOException e) {
            if (!connection.isClosed()) {
                connection.failed();
            }
        }
    }

    private void writeLoop() {
        try {
            OutputStream out = to.getOutputStream();
            while (!connection.isClosed()) {
                Chunk chunk = queue.poll(FaultyRelay.POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (chunk == null || !faults.awaitFlowing()) {
                    continue;
                }
                if (chunk.bytes == null) {
                    endNow();
                    connection.directionEnded();
                    return;
                }
                if (!ended) {
                    write(out, chunk.bytes);
                }
            }
        } catch (IOException e) {
            if (!connection.isClosed()) {
                connection.failed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(OutputStream out, byte[] bytes) throws IOException {
        long bandwidth = faults.bandwidth();
        if (bandwidth == 0) {
            out.write(bytes);
            out.flush();
            faults.countForwarded(direction, bytes.length);
            return;
        }
        int slice = (int) Math.max(1, Math.min(bytes.length, bandwidth / PACE_SLICES_PER_SECOND));
        for (int offset = 0; offset < bytes.length && !connection.isClosed(); offset += slice) {
            int count = Math.min(slice, bytes.length - offset);
            waitUntil(nextWriteNanos);
            out.write(bytes, offset, count);
            out.flush();
            faults.countForwarded(direction, count);
            nextWriteNanos = Math.max(System.nanoTime(), nextWriteNanos) + count * NANOS_PER_SECOND / bandwidth;
        }
    }

    /** The pace of a bandwidth limit: parks until {@code deadline} (a System.nanoTime value). */
    private void waitUntil(long deadline) {
        long left = deadline - System.nanoTime();
        while (left > 0 && !connection.isClosed()) {
            LockSupport.parkNanos(left);
            left = deadline - System.nanoTime();
        }
    }

    /** Bytes read at one time, or the end of the stream (null bytes), with the time they may leave. */
    private static final class Chunk implements Delayed {

        final byte[] bytes;
        private final long dueNanos;
        private final long sequence;

        Chunk(byte[] bytes, long dueNanos, long sequence) {
            this.bytes = bytes;
            this.dueNanos = dueNanos;
            this.sequence = sequence;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Chunk chunk = (Chunk) other;
            int byTime = Long.compare(dueNanos, chunk.dueNanos);
            return byTime != 0 ? byTime : Long.compare(sequence, chunk.sequence);
        }
    }
}
