package dev.meshmq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable multipart message: one or more {@link Frame}s, delivered all together or not at all.
 *
 * <p>Thread-safety: immutable, safe to share between threads.
 */
public final class Message implements Iterable<Frame> {

    /** The first frame; for a single-frame message (the usual case) the only one. */
    private final Frame first;
    /** Every frame, first included, when there are several; null for a single-frame message. */
    private final Frame[] frames;
    private final int routingId;
    /** What the handshake told about the sender's connection; null for none (inproc, or a message made here). */
    private final PeerMetadata peer;
    /** The RADIO/DISH group; null for none (the empty group, as in libzmq). */
    private final String group;

    private Message(Frame[] frames) {
        this(frames, 0, null);
    }

    private Message(Frame[] frames, int routingId, PeerMetadata peer) {
        if (frames.length == 0) {
            throw new IllegalArgumentException("a message has at least one frame");
        }
        this.first = frames[0];
        // a single-frame message keeps no array: one object less per message on the hot path
        this.frames = frames.length == 1 ? null : frames;
        this.routingId = routingId;
        this.peer = peer;
        this.group = null;
    }

    private Message(Frame only, int routingId, PeerMetadata peer) {
        this(only, routingId, peer, null);
    }

    private Message(Frame only, int routingId, PeerMetadata peer, String group) {
        this.first = only;
        this.frames = null;
        this.routingId = routingId;
        this.peer = peer;
        this.group = group;
    }

    /**
     * Returns a message of the given frames.
     *
     * @param frames one or more frames
     * @return the message
     */
    public static Message of(Frame... frames) {
        Frame[] copy = frames.clone();
        for (Frame frame : copy) {
            Objects.requireNonNull(frame, "frame");
        }
        return new Message(copy);
    }

    /**
     * Returns a message of the given frames.
     *
     * @param frames one or more frames
     * @return the message
     */
    public static Message of(List<Frame> frames) {
        return of(frames, null);
    }

    /**
     * Returns a message of the given frames carrying what the handshake of its connection told about the
     * sender (what a transport does for each multipart message it decodes), in one object.
     *
     * @param frames one or more frames
     * @param peer the connection's metadata, or null
     * @return the message
     */
    public static Message of(List<Frame> frames, PeerMetadata peer) {
        Frame[] array = frames.toArray(new Frame[0]);
        if (frames.getClass() != ArrayList.class) {
            // another List class could keep the array it returned; an ArrayList's is a fresh copy
            array = array.clone();
        }
        for (Frame frame : array) {
            Objects.requireNonNull(frame, "frame");
        }
        return new Message(array, 0, peer);
    }

    /**
     * Returns a message with one frame per array; each array is copied.
     *
     * @param parts one or more byte arrays
     * @return the message
     */
    public static Message of(byte[]... parts) {
        Frame[] frames = new Frame[parts.length];
        for (int i = 0; i < parts.length; i++) {
            frames[i] = Frame.of(parts[i]);
        }
        return new Message(frames);
    }

    /**
     * Returns a message with one UTF-8 frame per string.
     *
     * @param parts one or more strings
     * @return the message
     */
    public static Message of(String... parts) {
        Frame[] frames = new Frame[parts.length];
        for (int i = 0; i < parts.length; i++) {
            frames[i] = Frame.of(parts[i]);
        }
        return new Message(frames);
    }

    /**
     * Returns a single-frame message that uses {@code bytes} without copying it.
     *
     * @param bytes the body; the caller must not change it afterwards
     * @return the message
     */
    public static Message wrap(byte[] bytes) {
        return new Message(Frame.wrap(bytes), 0, null);
    }

    /**
     * Returns a single-frame message that uses {@code bytes} without copying it and carries what the
     * handshake of its connection told about the sender (what a transport does for each message it
     * decodes).
     *
     * @param bytes the body; the caller must not change it afterwards
     * @param peer the connection's metadata, or null
     * @return the message
     */
    public static Message wrap(byte[] bytes, PeerMetadata peer) {
        return new Message(Frame.wrap(bytes), 0, peer);
    }

    /**
     * Returns this message carrying {@code peer} as its sender's metadata.
     *
     * @param peer the connection's metadata, or null for none
     * @return a message with the same frames and routing id
     */
    public Message withPeerMetadata(PeerMetadata peer) {
        return frames == null ? new Message(first, routingId, peer, group) : new Message(frames, routingId, peer);
    }

    /**
     * Returns this single-frame message in a RADIO/DISH group (libzmq's {@code zmq_msg_set_group}): a
     * {@link RadioSocket} sends it to the DISH peers that joined {@code group}.
     *
     * @param group the group, checked by {@link Groups#check}
     * @return a message with the same frame, routing id and sender metadata, in that group
     * @throws IllegalArgumentException if the group is invalid or this message has several frames
     */
    public Message withGroup(String group) {
        Groups.check(group);
        if (frames != null) {
            throw new IllegalArgumentException("a RADIO/DISH message has one frame, not " + frames.length);
        }
        return new Message(first, routingId, peer, group);
    }

    /**
     * Returns the RADIO/DISH group of this message: on a message a {@link DishSocket} received, the group
     * the RADIO sent it to; on a message for a RADIO to send, where it goes. A message without a group is
     * in the empty group, as in libzmq.
     *
     * @return the group, empty for none
     */
    public String group() {
        return group == null ? "" : group;
    }

    /**
     * Returns everything the handshake of the sender's connection told about it.
     *
     * @return the metadata, or empty for inproc and for messages made here
     */
    public Optional<PeerMetadata> peerMetadata() {
        return Optional.ofNullable(peer);
    }

    /**
     * Returns the User-Id the authenticator gave the sender's connection (libzmq's "User-Id" message
     * property).
     *
     * @return the id, or empty for a message that did not come over an authenticated connection
     */
    public Optional<String> userId() {
        return peer == null ? Optional.empty() : peer.get(PeerMetadata.USER_ID);
    }

    /**
     * Returns a property of the sender's connection: from its handshake ({@code Socket-Type},
     * {@code Identity}, {@code X-} properties), from the authenticator ({@code User-Id} and its
     * properties), or {@code Peer-Address}. Nothing is computed per message: every message of a
     * connection shares one {@link PeerMetadata}.
     *
     * @param name the property's name, in any case
     * @return the value, or empty if there is none (always for inproc and for messages made here)
     */
    public Optional<String> peerProperty(String name) {
        return peer == null ? Optional.empty() : peer.get(name);
    }

    /**
     * Returns the number of frames.
     *
     * @return at least 1
     */
    public int size() {
        return frames == null ? 1 : frames.length;
    }

    /**
     * Returns frame {@code index}.
     *
     * @param index from 0 to {@code size() - 1}
     * @return the frame
     */
    public Frame frame(int index) {
        if (frames == null) {
            Objects.checkIndex(index, 1);
            return first;
        }
        return frames[index];
    }

    /**
     * Returns the first frame.
     *
     * @return the first frame
     */
    public Frame first() {
        return first;
    }

    /**
     * Returns frame {@code index} decoded as UTF-8.
     *
     * @param index from 0 to {@code size() - 1}
     * @return the text
     */
    public String string(int index) {
        return frame(index).asString();
    }

    /**
     * Returns the total number of body bytes over all frames.
     *
     * @return the sum of the frame sizes
     */
    public long byteCount() {
        if (frames == null) {
            return first.size();
        }
        long total = 0;
        for (Frame frame : frames) {
            total += frame.size();
        }
        return total;
    }

    /**
     * Returns the frames as an unmodifiable list.
     *
     * @return the frames
     */
    public List<Frame> frames() {
        return frames == null ? List.of(first) : List.of(frames);
    }

    /**
     * Returns a new message with {@code frame} added in front.
     *
     * @param frame the new first frame
     * @return the longer message
     */
    public Message prepend(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        Frame[] longer = new Frame[size() + 1];
        longer[0] = frame;
        if (frames == null) {
            longer[1] = first;
        } else {
            System.arraycopy(frames, 0, longer, 1, frames.length);
        }
        return new Message(longer, 0, peer);
    }

    /**
     * Returns the routing id of a CLIENT/SERVER message: on a message a {@link ServerSocket} received,
     * the id of the connection it came from; on a message for a SERVER to send, the connection to
     * send it to. 0 means none.
     *
     * @return the routing id, 0 for none
     */
    public int routingId() {
        return routingId;
    }

    /**
     * Returns this message addressed to a SERVER connection.
     *
     * @param id the connection's routing id, not 0
     * @return a message with the same frames and that routing id
     */
    public Message withRoutingId(int id) {
        if (id == 0) {
            throw new IllegalArgumentException("routing id 0 means none; SERVER ids are never 0");
        }
        return frames == null ? new Message(first, id, peer, group) : new Message(frames, id, peer);
    }

    @Override
    public Iterator<Frame> iterator() {
        return frames().iterator();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Message)) {
            return false;
        }
        Message that = (Message) other;
        return routingId == that.routingId && first.equals(that.first) && Arrays.equals(frames, that.frames)
                && group().equals(that.group());
    }

    @Override
    public int hashCode() {
        return ((frames == null ? 31 + first.hashCode() : Arrays.hashCode(frames)) * 31 + routingId) * 31
                + group().hashCode();
    }

    @Override
    public String toString() {
        List<Integer> sizes = new ArrayList<>(size());
        for (Frame frame : this) {
            sizes.add(frame.size());
        }
        return "Message" + sizes + (routingId == 0 ? "" : " for routing id " + Integer.toUnsignedString(routingId))
                + (group == null ? "" : " in group '" + group + "'");
    }
}
