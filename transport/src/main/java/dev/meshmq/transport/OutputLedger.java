package dev.meshmq.transport;

/**
 * Keeps count, for one connection, of the messages that left the link's pipe but have not been
 * written to the channel in full yet: the message in the encoder, and those whose bytes still wait
 * in the output buffer. When a closing connection gives up (its linger expired), these are the
 * messages it discards besides those still in the pipe; a message written in part counts as not
 * delivered, since the peer drops a truncated frame.
 *
 * <p>It works on byte offsets counted from the start of the connection: every message that the
 * encoder finishes records the offset of its last byte, and every write to the channel advances the
 * written offset and retires the messages that end at or before it. The offsets live in a ring of
 * primitive longs that grows only while more messages wait in the buffer than ever before, so the
 * sending path allocates nothing in steady state.
 *
 * <p>Thread-safety: owned by the connection's I/O thread.
 */
final class OutputLedger {

    private static final int INITIAL_CAPACITY = 64;

    /** Offsets of the last byte (exclusive) of each encoded, not yet written message; a ring. */
    private long[] ends = new long[INITIAL_CAPACITY];
    private int head;
    private int size;
    /** Bytes written to the channel since the connection started. */
    private long written;
    /** Messages started in the encoder and not yet written in full. */
    private long inFlight;

    /** A message was taken from the pipe and started in the encoder. */
    void started() {
        inFlight++;
    }

    /**
     * The encoder finished the current message.
     *
     * @param bufferedBytes bytes in the output buffer not yet written (its position while filling)
     */
    void encoded(int bufferedBytes) {
        if (size == ends.length) {
            grow();
        }
        ends[(head + size) & (ends.length - 1)] = written + bufferedBytes;
        size++;
    }

    /**
     * Bytes went to the channel: retires the messages now written in full.
     *
     * @param bytes how many
     */
    void wrote(long bytes) {
        written += bytes;
        if (size == 0) {
            return;
        }
        int mask = ends.length - 1;
        if (ends[(head + size - 1) & mask] <= written) {
            // the usual case, the whole buffer went out: retire every message at once
            inFlight -= size;
            head = 0;
            size = 0;
            return;
        }
        while (ends[head] <= written) {
            head = (head + 1) & mask;
            size--;
            inFlight--;
        }
    }

    /**
     * Returns the messages started but not written in full.
     *
     * @return the count
     */
    long unwritten() {
        return inFlight;
    }

    private void grow() {
        long[] larger = new long[ends.length * 2];
        for (int i = 0; i < size; i++) {
            larger[i] = ends[(head + i) & (ends.length - 1)];
        }
        ends = larger;
        head = 0;
    }
}
