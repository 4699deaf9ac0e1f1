package dev.meshmq.transport;

import dev.meshmq.Message;
import dev.meshmq.transport.zmtp.MessageEncoder;
import dev.meshmq.transport.zmtp.WireEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;

/**
 * The output side of one stream connection: the bytes it owes the peer (greeting, commands, at
 * most one PONG and one PING, then messages), encoded into its I/O thread's shared output buffer
 * and written to the channel.
 *
 * <p>Memory is bounded whatever the peer does: commands are queued only by the handshake and, one
 * at a time, by subscription messages; a PONG or a PING replaces the one still pending instead of
 * queuing behind it, so a peer that floods PINGs and never reads costs one PONG. A connection holds
 * a buffer of its own only while the channel has not taken everything encoded: then the remainder
 * moves to a buffer borrowed from {@link IoBuffers} and further output is encoded behind it there,
 * until the channel has taken it all and the buffer goes back. A large direct body is not copied at all:
 * the encoder hands it out and it goes to the channel in one gathering write behind the encoded bytes
 * before it ({@link WireEncoder#gatheredBody()}); while the channel has not taken it, nothing else is
 * encoded, so the bytes keep their order.
 *
 * <p>Thread-safety: used by one thread at a time, under the lock of the connection's {@link EngineWriter}:
 * its I/O thread, or an application thread writing to the idle connection itself ({@link #flushInto}).
 */
final class EngineOutput {

    /** Where the messages to send come from. */
    interface Source {

        /**
         * Returns the next message to send, or null if none is waiting.
         *
         * @return the message or null
         */
        Message nextOutgoing();

        /**
         * Returns the command frame that stands for {@code message} on the wire (a subscription to a
         * ZMTP 3.1 peer), or null to send it as a message.
         *
         * @param message the message
         * @return the encoded command, or null
         */
        byte[] commandFor(Message message);
    }

    /** What a flush achieved. */
    enum Flush {
        /** Everything owed was written. */
        DRAINED,
        /** The channel is full; the rest waits for OP_WRITE. */
        BLOCKED,
        /** The write budget is spent with more to send; flush again later. */
        BUDGET_SPENT
    }

    private final IoBuffers buffers;
    private final GatheringByteChannel channel;
    private Source source;
    private WireEncoder encoder;
    /** CURVE: seals commands sent after the handshake; null in clear text. */
    private CurveEncoder sealer;
    /** Messages taken from the source and not yet written in full: what a linger expiry discards. */
    private final OutputLedger ledger = new OutputLedger();
    private final ArrayDeque<ByteBuffer> commands = new ArrayDeque<>(2);
    private byte[] pendingPong;
    private byte[] pendingPing;
    private ByteBuffer own;
    /** Whether {@link #own} came from {@link IoBuffers} (else it is a heap buffer of an application thread's write). */
    private boolean ownPooled;
    /** Messages taken from the source so far, and their body bytes. */
    private long taken;
    private long takenBytes;
    /** The two buffers of a gathering write: encoded bytes, then the body that follows them. */
    private final ByteBuffer[] gather = new ByteBuffer[2];

    EngineOutput(IoBuffers buffers, GatheringByteChannel channel) {
        this(buffers, channel, new MessageEncoder());
    }

    /** With the clear-text encoder given, for tests of other gathering thresholds. */
    EngineOutput(IoBuffers buffers, GatheringByteChannel channel, MessageEncoder clearText) {
        this.buffers = buffers;
        this.channel = channel;
        this.encoder = clearText;
    }

    /**
     * Starts taking messages from {@code messages}; until then only commands are sent.
     *
     * @param messages where messages come from once the handshake is done
     * @param cipher CURVE's session, which from now on seals every frame and command; null for clear text
     */
    void start(Source messages, CurveCipher cipher) {
        this.source = messages;
        if (cipher != null) {
            sealer = new CurveEncoder(cipher);
            encoder = sealer;
        }
    }

    /** A command queued after the handshake goes sealed on a CURVE connection. */
    private ByteBuffer afterHandshake(byte[] command) {
        return ByteBuffer.wrap(sealer == null ? command : sealer.sealCommand(command));
    }

    /** Queues a command frame (handshake bytes); these go out before anything else not yet started. */
    void queueCommand(byte[] frame) {
        commands.add(ByteBuffer.wrap(frame));
    }

    /** Sets the PONG to send at the next message boundary, replacing one not sent yet. */
    void setPong(byte[] frame) {
        pendingPong = frame;
    }

    /** Sets the PING to send at the next message boundary, replacing one not sent yet. */
    void setPing(byte[] frame) {
        pendingPing = frame;
    }

    /**
     * Returns whether nothing at all is owed to the peer.
     *
     * @return true if no byte waits, encoded or not (messages in the pipe aside)
     */
    boolean isIdle() {
        return own == null && encoder.isIdle() && commands.isEmpty() && pendingPong == null && pendingPing == null;
    }

    /**
     * Encodes and writes until nothing is owed, the channel is full or {@code budget} bytes are written.
     *
     * @param budget bytes to write at most before yielding to other connections
     * @param messagesAllowed whether messages may be taken from the source (false during the handshake
     *     and before {@link #start})
     * @return what was achieved
     * @throws IOException if the write fails
     */
    Flush flush(long budget, boolean messagesAllowed) throws IOException {
        return flush(own != null ? own : buffers.output(), budget, messagesAllowed, true);
    }

    /**
     * An application thread's flush of an idle connection ({@link #isIdle}): encodes into
     * {@code scratch}, its borrowed buffer, instead of the I/O thread's; bytes the channel does not take
     * move to a heap buffer of this connection, which the I/O thread writes later.
     *
     * @param scratch the caller's encoding buffer; left holding nothing this connection needs
     * @param budget bytes to write at most
     * @return what was achieved
     * @throws IOException if the write fails
     */
    Flush flushInto(ByteBuffer scratch, long budget) throws IOException {
        if (own != null) {
            throw new IllegalStateException("a direct flush needs an idle connection");
        }
        return flush(scratch, budget, true, false);
    }

    private Flush flush(ByteBuffer out, long budget, boolean messagesAllowed, boolean onIoThread) throws IOException {
        long left = budget;
        while (true) {
            boolean more = fill(out, messagesAllowed);
            ByteBuffer body = encoder.gatheredBody();
            if (out.position() == 0 && body == null) {
                returnOwn();
                return Flush.DRAINED;
            }
            out.flip();
            long written = body == null ? channel.write(out) : gatheringWrite(out, body);
            ledger.wrote(written);
            left -= written;
            if (out.hasRemaining() || body != null && body.hasRemaining()) {
                keepRemainder(out, onIoThread);
                return Flush.BLOCKED;
            }
            out.clear();
            if (body != null && encoder.gatheredBodyWritten()) {
                ledger.encoded(0);
                ledger.wrote(0);
            }
            if (!more && body == null) {
                returnOwn();
                return Flush.DRAINED;
            }
            if (left <= 0) {
                returnOwn();
                return Flush.BUDGET_SPENT;
            }
        }
    }

    /** Writes the encoded bytes, then the body that follows them, in one call. */
    private long gatheringWrite(ByteBuffer out, ByteBuffer body) throws IOException {
        gather[0] = out;
        gather[1] = body;
        try {
            return out.hasRemaining() ? channel.write(gather) : channel.write(body);
        } finally {
            gather[0] = null;
            gather[1] = null;
        }
    }

    /**
     * Keeps the bytes the channel did not take; the shared buffer must be left empty. A gathered body
     * stays in the encoder; once the channel has taken every encoded byte no buffer is kept.
     */
    private void keepRemainder(ByteBuffer out, boolean onIoThread) {
        if (!out.hasRemaining()) {
            out.clear();
            returnOwn();
        } else if (own == null) {
            ownPooled = onIoThread;
            own = onIoThread ? buffers.borrow() : ByteBuffer.allocate(Math.max(out.remaining(), ScratchSlot.SIZE));
            own.put(out);
            out.clear();
        } else {
            out.compact();
        }
    }

    private void returnOwn() {
        if (own != null) {
            if (ownPooled) {
                buffers.giveBack(own);
            }
            own = null;
        }
    }

    /** Fills {@code out}; returns true if it filled up with more waiting. */
    private boolean fill(ByteBuffer out, boolean messagesAllowed) {
        while (out.hasRemaining()) {
            if (!encoder.isIdle()) {
                if (!encoder.encodeTo(out)) {
                    return true;
                }
                ledger.encoded(out.position());
                continue;
            }
            ByteBuffer command = nextCommand();
            if (command != null) {
                int chunk = Math.min(command.remaining(), out.remaining());
                out.put(out.position(), command, command.position(), chunk);
                out.position(out.position() + chunk);
                command.position(command.position() + chunk);
                if (!command.hasRemaining()) {
                    commands.poll();
                }
                continue;
            }
            if (!messagesAllowed || source == null) {
                return false;
            }
            Message message = source.nextOutgoing();
            if (message == null) {
                return false;
            }
            taken++;
            takenBytes += message.byteCount();
            byte[] asCommand = source.commandFor(message);
            if (asCommand != null) {
                commands.add(afterHandshake(asCommand));
            } else {
                encoder.start(message);
                ledger.started();
            }
        }
        return true;
    }

    /** Returns the command being written, moving a pending PONG or PING to the queue when it is empty. */
    private ByteBuffer nextCommand() {
        if (commands.isEmpty()) {
            if (pendingPong != null) {
                commands.add(afterHandshake(pendingPong));
                pendingPong = null;
            } else if (pendingPing != null) {
                commands.add(afterHandshake(pendingPing));
                pendingPing = null;
            }
        }
        return commands.peek();
    }

    /**
     * Returns how many messages were taken from the source but not written to the channel in full.
     *
     * @return the count
     */
    long unwritten() {
        return ledger.unwritten();
    }

    /** Returns how many messages were taken from the source so far. */
    long messagesTaken() {
        return taken;
    }

    /** Returns the body bytes of the messages taken from the source so far. */
    long bytesTaken() {
        return takenBytes;
    }

    /** Returns whether a buffer is borrowed from {@link IoBuffers}, for tests. */
    boolean holdsBuffer() {
        return own != null;
    }

    /** The connection closed: gives a borrowed buffer back. */
    void release() {
        returnOwn();
    }
}
