package dev.meshmq.transport;

import dev.meshmq.Frame;
import dev.meshmq.Groups;
import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.ZmtpWire;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How RADIO/DISH groups cross a link, as libzmq's radio and dish sessions put them on the wire.
 *
 * <ul>
 *   <li>A message travels as two frames, the group (MORE set) and the body, on tcp, ipc and inproc
 *       alike: the RADIO puts both in the pipe and the ZMTP encoder writes them as they are.</li>
 *   <li>A join or leave is, inside MeshMQ, the subscription form ({@code 0x01} or {@code 0x00} then the
 *       group) from the DISH to the RADIO, so a connect-side link replays its joins after a reconnect as
 *       a SUB link does; on the wire it is a JOIN or LEAVE command, whatever the peer's ZMTP minor
 *       version (libzmq's dish session always sends the command).</li>
 *   <li>Over udp, a datagram is one byte of group length, the group, and the body.</li>
 * </ul>
 *
 * <p>Thread-safety: stateless.
 */
public final class GroupWire {

    /** libzmq's udp engine buffer: a datagram longer than this is cut short by a libzmq receiver. */
    public static final int MAX_DATAGRAM = 8192;

    private GroupWire() {
    }

    /** Whether a socket of {@code type} reads joins from its peers and drops anything else they send. */
    static boolean receivesJoins(SocketType type) {
        return type == SocketType.RADIO;
    }

    /** Whether a socket of {@code type} sends joins to its peers as JOIN and LEAVE commands. */
    static boolean sendsJoins(SocketType type) {
        return type == SocketType.DISH;
    }

    /**
     * Builds a join or leave for a DISH to send.
     *
     * @param join true to join, false to leave
     * @param group a valid group
     * @return the single-frame message
     */
    public static Message joinMessage(boolean join, String group) {
        return SubscriptionWire.message(join, Groups.check(group));
    }

    /**
     * Returns whether a message a RADIO read from a link is a join or leave.
     *
     * @param message the message
     * @return true if it is one
     */
    public static boolean isJoinOrLeave(Message message) {
        return SubscriptionWire.isSubscription(message);
    }

    /**
     * Returns whether a join-or-leave message joins.
     *
     * @param message a message for which {@link #isJoinOrLeave} holds
     * @return true for a join
     */
    public static boolean isJoin(Message message) {
        return SubscriptionWire.isSubscribe(message);
    }

    /**
     * Returns the group of a join-or-leave message.
     *
     * @param message a message for which {@link #isJoinOrLeave} holds
     * @return the group, or null if its bytes are no valid group
     */
    public static String joinGroup(Message message) {
        return decodeGroup(SubscriptionWire.topic(message));
    }

    /** A JOIN or LEAVE command in its message form; null if its group is no valid group (then ignored). */
    static Message fromCommand(Command command) {
        byte[] group = command.data();
        if (decodeGroup(group) == null) {
            return null;
        }
        return SubscriptionWire.message(ZmtpWire.COMMAND_JOIN.equals(command.name()), group);
    }

    /** A DISH's join or leave as the whole JOIN or LEAVE command frame; null for anything else. */
    static byte[] toCommand(Message message) {
        if (!isJoinOrLeave(message)) {
            return null;
        }
        return Command.encode(isJoin(message) ? ZmtpWire.COMMAND_JOIN : ZmtpWire.COMMAND_LEAVE,
                SubscriptionWire.topic(message));
    }

    /**
     * Returns the two-frame form a RADIO puts in its pipes: the group, then the body.
     *
     * @param message a single-frame message
     * @return the group frame and the body frame
     */
    public static Message toWire(Message message) {
        return Message.of(Frame.wrap(message.group().getBytes(StandardCharsets.UTF_8)), message.first());
    }

    /**
     * Reads the two-frame form a DISH takes from its pipes.
     *
     * @param wire what the peer sent
     * @return the body in its group, or null if the message is malformed (not two frames, or no valid
     *     group in the first)
     */
    public static Message fromWire(Message wire) {
        if (wire.size() != 2) {
            return null;
        }
        String group = decodeGroup(wire.frame(0).toByteArray());
        if (group == null) {
            return null;
        }
        Message body = Message.of(wire.frame(1)).withGroup(group);
        return wire.peerMetadata().map(body::withPeerMetadata).orElse(body);
    }

    /**
     * Returns whether a two-frame message fits in one datagram: one byte of group length, a group of at
     * most {@link Groups#MAX_BYTES} bytes and the body, together at most {@link #MAX_DATAGRAM} bytes.
     *
     * @param wire the group frame and the body frame ({@link #toWire})
     * @return false if it is not two frames or too long for one datagram
     */
    public static boolean fitsDatagram(Message wire) {
        return wire.size() == 2 && wire.frame(0).size() <= Groups.MAX_BYTES
                && 1L + wire.frame(0).size() + wire.frame(1).size() <= MAX_DATAGRAM;
    }

    /**
     * Encodes a two-frame message as one datagram: group length, group, body.
     *
     * @param wire the group frame and the body frame
     * @param datagram where to write it, cleared first, at least {@link #MAX_DATAGRAM} bytes; left flipped
     *     for sending
     * @return false if the message does not fit ({@link #fitsDatagram}; nothing sensible was written)
     */
    static boolean encodeDatagram(Message wire, ByteBuffer datagram) {
        datagram.clear();
        if (!fitsDatagram(wire)) {
            return false;
        }
        Frame group = wire.frame(0);
        Frame body = wire.frame(1);
        datagram.put((byte) group.size());
        group.copyTo(0, datagram, group.size());
        body.copyTo(0, datagram, body.size());
        datagram.flip();
        return true;
    }

    /**
     * Decodes a received datagram into the two-frame form.
     *
     * @param datagram the datagram, flipped for reading
     * @return the message, or null if it is malformed (empty, shorter than its group length, or no valid
     *     group)
     */
    static Message decodeDatagram(ByteBuffer datagram) {
        if (!datagram.hasRemaining()) {
            return null;
        }
        int groupLength = datagram.get() & 0xFF;
        if (datagram.remaining() < groupLength) {
            return null;
        }
        byte[] group = new byte[groupLength];
        datagram.get(group);
        if (decodeGroup(group) == null) {
            return null;
        }
        byte[] body = new byte[datagram.remaining()];
        datagram.get(body);
        return Message.of(Frame.wrap(group), Frame.wrap(body));
    }

    /** The group of these bytes: strict UTF-8, at most 255 bytes, no NUL; null if they are none. */
    static String decodeGroup(byte[] bytes) {
        if (bytes.length > Groups.MAX_BYTES) {
            return null;
        }
        String group;
        try {
            group = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        return group.indexOf('\0') >= 0 ? null : group;
    }
}
