package dev.meshmq.transport.zmtp;

import dev.meshmq.Message;
import dev.meshmq.PeerMetadata;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Decodes the ZMTP frame stream that follows the greeting (RFC 37 "Framing") into messages and
 * commands, from bytes that arrive in pieces of any size.
 *
 * <p>A state machine: {@link State#FLAGS}, then {@link State#SHORT_SIZE} or {@link State#LONG_SIZE},
 * then {@link State#BODY}; each state has one method that returns the next state, and
 * {@link #decode} is the one place that changes it. Frames of a message (MORE set on all but the
 * last) are collected and delivered as one {@link Message} once the last is complete; a command
 * frame may arrive between them and is delivered at once.
 *
 * <p>Limits, all checked when the size field has been read, before any body is allocated:
 * <ul>
 *   <li>a long size with the top bit set or above {@code Integer.MAX_VALUE - 16}: MESSAGE_TOO_LARGE;</li>
 *   <li>a data frame above {@code maxMessageSize} (unless -1): MESSAGE_TOO_LARGE. The limit applies to
 *       each frame, as libzmq applies MAXMSGSIZE, not to the sum of a message's frames;</li>
 *   <li>a data frame that would make its message longer than {@code maxMessageParts} frames (unless -1):
 *       MESSAGE_TOO_LARGE (see {@link MessageAssembler});</li>
 *   <li>a command frame above {@link #MAX_COMMAND_SIZE} (1 MiB, whatever {@code maxMessageSize} is;
 *       commands are small): MALFORMED_COMMAND_UNSPECIFIED;</li>
 *   <li>once frames are handed on raw ({@link #handFramesRaw}, CURVE), every frame is a MESSAGE box that
 *       may hold a data frame, whether it came as a data frame (libzmq's way) or as a command frame
 *       (RFC 26's way): both are held to {@code maxMessageSize}, as libzmq holds its CURVE frames, so a
 *       command frame cannot carry a frame past the limit.</li>
 * </ul>
 * <p>Allocation: a body is allocated when its size has been read, at its declared size if that is at most
 * {@link #EAGER_BODY_BYTES} (64 KiB; {@link #EAGER_COMMAND_BYTES}, 1 KiB, for a command) or at most
 * {@link #IN_HAND_FACTOR} (32) times the bytes of it already in hand; otherwise at the larger of those two,
 * doubling (capped at the frame size) only as bytes arrive. So what a peer makes a connection hold is in
 * proportion to what it sent: a peer that claims a 1 MiB command in its handshake and sends nothing more
 * costs 1 KiB, not 1 MiB, and a stream of large messages, whose headers come with a good part of their
 * bodies, still gets each body allocated once. A data frame before the handshake is done
 * ({@link #expectHandshake}) fails at its header: UNEXPECTED_COMMAND. Reserved flag
 * bits 3-7 are ignored, as libzmq does; a command with MORE set is MALFORMED_COMMAND_UNSPECIFIED.
 *
 * <p>Direct reads: while a body is being read, {@link #directTarget} lends a buffer over the body
 * array's next bytes, so that the channel can read into it without the shared input buffer; the
 * next {@link #decode} counts what was read into it first (and completes the frame if it is full).
 *
 * <p>Threading: single-threaded, owned by one I/O thread at a time. After it has thrown, it must not
 * be used again (the connection is closed).
 */
public final class FrameDecoder {

    /** Largest command frame body accepted, in bytes. */
    public static final int MAX_COMMAND_SIZE = 1 << 20;

    /** Largest frame size accepted at all; leaves room for array headers. */
    static final long MAX_FRAME_SIZE = Integer.MAX_VALUE - 16;

    /** Largest data-frame body allocated at its declared size before any of it has arrived. */
    static final int EAGER_BODY_BYTES = 64 * 1024;

    /** Largest command body allocated at its declared size before any of it has arrived. */
    static final int EAGER_COMMAND_BYTES = 1024;

    /**
     * A body is first allocated at up to this many times the bytes of it already in hand: 32, so that a
     * header read with a full 64 KiB input buffer behind it gets a body of up to 2 MiB allocated once.
     */
    static final int IN_HAND_FACTOR = 32;

    /**
     * Most bytes lent by {@link #directTarget} at once. The JDK reads into a heap buffer through a
     * temporary direct buffer of the same size, cached per thread, and copies from it: as large as the
     * shared input buffer, it stays in the processor's cache and costs the I/O thread no more memory.
     */
    static final int MAX_DIRECT_READ = 64 * 1024;

    private boolean rawFrames;
    private static final byte[] NO_BYTES = new byte[0];
    private static final int LONG_SIZE_BYTES = 8;

    /** Where the decoder is in the current frame. */
    public enum State {
        /** Waiting for the flags byte of a frame. */
        FLAGS,
        /** Waiting for the 1-byte size. */
        SHORT_SIZE,
        /** Reading the 8-byte big-endian size. */
        LONG_SIZE,
        /** Reading the body. */
        BODY
    }

    private final long maxMessageSize;
    private final MessageAssembler assembler;
    private State state = State.FLAGS;
    private int flags;
    private long longSize;
    private int longSizeBytesRead;
    private int frameSize;
    private byte[] body = NO_BYTES;
    private int bodyFilled;
    /** The buffer over {@link #body} lent by {@link #directTarget}, until the next {@link #decode}. */
    private ByteBuffer lent;
    private boolean stopRequested;
    private boolean failed;
    private boolean messagesAllowed = true;

    /**
     * Creates a decoder with no limit on the frames of a message.
     *
     * @param maxMessageSize largest body size of one data frame, in bytes; -1 for no limit
     * @throws IllegalArgumentException if below -1
     */
    public FrameDecoder(long maxMessageSize) {
        this(maxMessageSize, MessageAssembler.NO_LIMIT);
    }

    /**
     * Creates a decoder.
     *
     * @param maxMessageSize largest body size of one data frame, in bytes; -1 for no limit
     * @param maxMessageParts most frames one message may have; -1 for no limit
     * @throws IllegalArgumentException if {@code maxMessageSize} is below -1, or {@code maxMessageParts} is
     *     neither -1 nor positive
     */
    public FrameDecoder(long maxMessageSize, int maxMessageParts) {
        if (maxMessageSize < -1) {
            throw new IllegalArgumentException("maxMessageSize must be -1 (no limit) or >= 0: " + maxMessageSize);
        }
        this.maxMessageSize = maxMessageSize;
        this.assembler = new MessageAssembler(maxMessageParts);
    }

    /**
     * From now on, hands each data frame's body to {@link FrameHandler#onRawFrame} as it is, without
     * making messages: for CURVE, whose frames are boxes opened in place. Commands are parsed as before.
     * The limit is then applied as libzmq applies it under CURVE: to the box, data or command frame alike
     * (a box is 33 bytes longer than the frame it holds: name 8, nonce 8, tag 16, flags 1).
     */
    public void handFramesRaw() {
        rawFrames = true;
    }

    /**
     * From now on, until {@link #handshakeDone}, a data frame is a protocol error as soon as its header is
     * read (a handshake is commands only), so that no body is allocated for it.
     */
    public void expectHandshake() {
        messagesAllowed = false;
    }

    /** The handshake is done: data frames are decoded from now on. */
    public void handshakeDone() {
        messagesAllowed = true;
    }

    /**
     * Sets what the messages decoded from now on carry about their sender.
     *
     * @param metadata the connection's metadata, or null
     */
    public void usePeer(PeerMetadata metadata) {
        assembler.usePeer(metadata);
    }

    /**
     * Consumes bytes from {@code in} until it is empty or the handler returns false; in the latter
     * case the unconsumed bytes stay in {@code in} and the next call continues exactly there.
     *
     * <p>Bytes read into the buffer from {@link #directTarget} are counted first, as if they came before
     * {@code in}; {@code in} may be empty then.
     *
     * @param in bytes from the peer, read from its position
     * @param handler receives messages and commands
     * @throws ZmtpProtocolException if the peer broke the protocol, or the handler rejected a command
     * @throws IllegalStateException if an earlier call threw
     */
    public void decode(ByteBuffer in, FrameHandler handler) throws ZmtpProtocolException {
        if (failed) {
            throw new IllegalStateException("decoder failed earlier; close the connection");
        }
        stopRequested = false;
        try {
            if (lent != null) {
                takeLent(handler);
            }
            while (!stopRequested && in.hasRemaining()) {
                state = switch (state) {
                    case FLAGS -> readFlags(in);
                    case SHORT_SIZE -> readShortSize(in, handler);
                    case LONG_SIZE -> readLongSize(in, handler);
                    case BODY -> readBody(in, handler);
                };
            }
        } catch (ZmtpProtocolException e) {
            failed = true;
            throw e;
        }
    }

    /**
     * Lends a buffer over the next bytes of the body being read, when at least {@code minimum} of them
     * are still to come, so that the channel can read into the body directly. Until the next
     * {@link #decode} (which counts what was read into it) no other bytes may be decoded.
     *
     * @param minimum fewest body bytes still to come for a buffer to be worth lending
     * @return a heap buffer over the body array, at most {@link #MAX_DIRECT_READ} bytes, or null
     */
    public ByteBuffer directTarget(int minimum) {
        if (failed || state != State.BODY || frameSize - bodyFilled < minimum) {
            return null;
        }
        if (lent == null) {
            ensureCapacity(bodyFilled + 1);
            int length = Math.min(body.length - bodyFilled, MAX_DIRECT_READ);
            lent = ByteBuffer.wrap(body, bodyFilled, length);
        }
        return lent;
    }

    private void takeLent(FrameHandler handler) throws ZmtpProtocolException {
        bodyFilled = lent.position();
        lent = null;
        if (bodyFilled == frameSize) {
            state = completeFrame(handler);
        }
    }

    /**
     * Returns the current state, for tests and diagnostics.
     *
     * @return the state
     */
    public State state() {
        return state;
    }

    /**
     * Returns whether some, but not all, frames of a multipart message have been received.
     *
     * @return true between frames of a multipart message
     */
    public boolean isInsideMessage() {
        return assembler.isInsideMessage();
    }

    private State readFlags(ByteBuffer in) throws ZmtpProtocolException {
        flags = in.get() & 0xFF;
        if (isCommand() && (flags & ZmtpWire.FLAG_MORE) != 0) {
            throw new ZmtpProtocolException(ProtocolError.MALFORMED_COMMAND_UNSPECIFIED,
                    String.format("command frame has the MORE flag set (flags 0x%02x)", flags));
        }
        if ((flags & ZmtpWire.FLAG_LONG) != 0) {
            longSize = 0;
            longSizeBytesRead = 0;
            return State.LONG_SIZE;
        }
        return State.SHORT_SIZE;
    }

    private State readShortSize(ByteBuffer in, FrameHandler handler) throws ZmtpProtocolException {
        return startBody(in.get() & 0xFF, in, handler);
    }

    private State readLongSize(ByteBuffer in, FrameHandler handler) throws ZmtpProtocolException {
        while (in.hasRemaining() && longSizeBytesRead < LONG_SIZE_BYTES) {
            longSize = longSize << 8 | in.get() & 0xFF;
            longSizeBytesRead++;
        }
        if (longSizeBytesRead < LONG_SIZE_BYTES) {
            return State.LONG_SIZE;
        }
        if (longSize < 0 || longSize > MAX_FRAME_SIZE) {
            throw new ZmtpProtocolException(ProtocolError.MESSAGE_TOO_LARGE,
                    "frame claims " + Long.toUnsignedString(longSize) + " bytes, more than the "
                            + MAX_FRAME_SIZE + " a frame may have");
        }
        return startBody(longSize, in, handler);
    }

    private State startBody(long size, ByteBuffer in, FrameHandler handler) throws ZmtpProtocolException {
        if (!isCommand() && !messagesAllowed) {
            throw new ZmtpProtocolException(ProtocolError.UNEXPECTED_COMMAND,
                    "a message frame before the handshake was done");
        }
        if (isCommand() && size > MAX_COMMAND_SIZE) {
            throw new ZmtpProtocolException(ProtocolError.MALFORMED_COMMAND_UNSPECIFIED,
                    "command frame claims " + size + " bytes, more than MAX_COMMAND_SIZE " + MAX_COMMAND_SIZE);
        }
        boolean mayHoldData = !isCommand() || rawFrames;
        if (mayHoldData && maxMessageSize != -1 && size > maxMessageSize) {
            throw new ZmtpProtocolException(ProtocolError.MESSAGE_TOO_LARGE, (isCommand() ? "command " : "")
                    + "frame claims " + size + " bytes, more than MAX_MESSAGE_SIZE " + maxMessageSize);
        }
        if (!isCommand() && !rawFrames) {
            assembler.checkRoomForOneMore();
        }
        frameSize = (int) size;
        bodyFilled = 0;
        if (frameSize == 0) {
            body = NO_BYTES;
            return completeFrame(handler);
        }
        body = new byte[firstCapacity(in.remaining())];
        return State.BODY;
    }

    /** The body's first array: see the class comment. */
    private int firstCapacity(int inHand) {
        long eager = isCommand() ? EAGER_COMMAND_BYTES : EAGER_BODY_BYTES;
        long inProportion = (long) IN_HAND_FACTOR * Math.min(inHand, frameSize);
        return (int) Math.min(frameSize, Math.max(eager, inProportion));
    }

    private State readBody(ByteBuffer in, FrameHandler handler) throws ZmtpProtocolException {
        int count = Math.min(frameSize - bodyFilled, in.remaining());
        ensureCapacity(bodyFilled + count);
        in.get(body, bodyFilled, count);
        bodyFilled += count;
        if (bodyFilled < frameSize) {
            return State.BODY;
        }
        return completeFrame(handler);
    }

    private void ensureCapacity(int needed) {
        if (needed > body.length) {
            long doubled = Math.min(2L * body.length, frameSize);
            body = Arrays.copyOf(body, (int) Math.max(needed, doubled));
        }
    }

    private State completeFrame(FrameHandler handler) throws ZmtpProtocolException {
        byte[] content = body;
        body = NO_BYTES;
        if (isCommand()) {
            stopRequested = !handler.onCommand(Command.parse(content));
            return State.FLAGS;
        }
        if (rawFrames) {
            stopRequested = !handler.onRawFrame(content);
            return State.FLAGS;
        }
        Message message = assembler.add(content, (flags & ZmtpWire.FLAG_MORE) != 0);
        if (message != null) {
            stopRequested = !handler.onMessage(message);
        }
        return State.FLAGS;
    }

    private boolean isCommand() {
        return (flags & ZmtpWire.FLAG_COMMAND) != 0;
    }
}
