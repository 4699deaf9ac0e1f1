package dev.meshmq.transport.zmtp;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.PeerMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the frames of one incoming message (MORE set on all but the last) into a {@link Message}, and
 * holds a peer to at most {@code maxParts} frames per message. Without that bound a peer that sends MORE
 * frames without end makes the connection keep every one: an empty frame costs two bytes on the wire and
 * a few dozen bytes of heap here, so a single connection could exhaust the heap. The limit is checked
 * before a frame's body is allocated ({@link #checkRoomForOneMore}).
 *
 * <p>Thread-safety: single-threaded, owned by the decoder that owns it.
 */
public final class MessageAssembler {

    /** The limit's value that means "no limit". */
    public static final int NO_LIMIT = -1;

    private final List<Frame> parts = new ArrayList<>();
    private final int maxParts;
    private PeerMetadata peer;

    /**
     * Creates an assembler.
     *
     * @param maxParts the most frames one message may have, at least 1; {@link #NO_LIMIT} for none
     * @throws IllegalArgumentException if {@code maxParts} is neither {@link #NO_LIMIT} nor positive
     */
    public MessageAssembler(int maxParts) {
        if (maxParts < 1 && maxParts != NO_LIMIT) {
            throw new IllegalArgumentException("maxParts must be -1 (no limit) or at least 1: " + maxParts);
        }
        this.maxParts = maxParts;
    }

    /**
     * Sets what the messages assembled from now on carry about their sender.
     *
     * @param metadata the connection's metadata, or null
     */
    public void usePeer(PeerMetadata metadata) {
        this.peer = metadata;
    }

    /**
     * Checks that one more frame may join the message being gathered: call it before allocating the body
     * of a data frame.
     *
     * @throws ZmtpProtocolException MESSAGE_TOO_LARGE if the message already has {@code maxParts} frames
     */
    public void checkRoomForOneMore() throws ZmtpProtocolException {
        if (maxParts != NO_LIMIT && parts.size() >= maxParts) {
            throw new ZmtpProtocolException(ProtocolError.MESSAGE_TOO_LARGE, "a message with more than "
                    + maxParts + " frames (MAX_MESSAGE_PARTS " + maxParts + ")");
        }
    }

    /**
     * Adds a frame.
     *
     * @param content the frame's body, kept without a copy
     * @param more whether more frames of the message follow
     * @return the complete message once its last frame is in, else null
     */
    public Message add(byte[] content, boolean more) {
        if (!more && parts.isEmpty()) {
            // the usual single-frame message: no list, one frame array
            return Message.wrap(content, peer);
        }
        parts.add(Frame.wrap(content));
        if (more) {
            return null;
        }
        Message message = Message.of(parts, peer);
        parts.clear();
        return message;
    }

    /**
     * Returns whether some, but not all, frames of a message have arrived.
     *
     * @return true between the frames of a multipart message
     */
    public boolean isInsideMessage() {
        return !parts.isEmpty();
    }
}
