package dev.meshmq.transport;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.ZmtpWire;

/**
 * How subscriptions cross a ZMTP connection. Inside MeshMQ a subscription is always a single-frame
 * message whose first byte is {@link ZmtpWire#SUBSCRIPTION_MESSAGE_SUBSCRIBE} or
 * {@link ZmtpWire#SUBSCRIPTION_MESSAGE_CANCEL} followed by the topic (what XPUB and XSUB show the
 * application). On the wire it is a SUBSCRIBE or CANCEL command to a ZMTP 3.1 peer and that same
 * message to a 3.0 peer; incoming commands become messages, so publishers accept both forms.
 *
 * <p>Thread-safety: stateless.
 */
public final class SubscriptionWire {

    private SubscriptionWire() {
    }

    /** Whether sockets of {@code type} send subscriptions upstream (and replay them after a reconnect). */
    static boolean sendsSubscriptions(SocketType type) {
        return type == SocketType.SUB || type == SocketType.XSUB;
    }

    /**
     * Whether sockets of {@code type} receive subscriptions from their peers (a RADIO receives joins, in the
     * same form: see {@link GroupWire}), and so are told when a connection ends.
     */
    static boolean receivesSubscriptions(SocketType type) {
        return type == SocketType.PUB || type == SocketType.XPUB || type == SocketType.RADIO;
    }

    /**
     * Returns whether {@code message} is a subscription or cancel in message form.
     *
     * @param message any message
     * @return true for a single frame starting with 0x01 or 0x00
     */
    public static boolean isSubscription(Message message) {
        if (message.size() != 1 || message.first().isEmpty()) {
            return false;
        }
        byte flag = message.first().byteAt(0);
        return flag == ZmtpWire.SUBSCRIPTION_MESSAGE_SUBSCRIBE || flag == ZmtpWire.SUBSCRIPTION_MESSAGE_CANCEL;
    }

    /**
     * Returns whether a subscription message subscribes (rather than cancels).
     *
     * @param subscription a message for which {@link #isSubscription} holds
     * @return true for a subscribe
     */
    public static boolean isSubscribe(Message subscription) {
        return subscription.first().byteAt(0) == ZmtpWire.SUBSCRIPTION_MESSAGE_SUBSCRIBE;
    }

    /**
     * Returns the topic of a subscription message.
     *
     * @param subscription a message for which {@link #isSubscription} holds
     * @return the bytes after the first
     */
    public static byte[] topic(Message subscription) {
        byte[] frame = subscription.first().toByteArray();
        byte[] topic = new byte[frame.length - 1];
        System.arraycopy(frame, 1, topic, 0, topic.length);
        return topic;
    }

    /**
     * Builds a subscription message.
     *
     * @param subscribe true to subscribe, false to cancel
     * @param topic the topic
     * @return the single-frame message
     */
    public static Message message(boolean subscribe, byte[] topic) {
        byte[] frame = new byte[topic.length + 1];
        frame[0] = subscribe ? ZmtpWire.SUBSCRIPTION_MESSAGE_SUBSCRIBE : ZmtpWire.SUBSCRIPTION_MESSAGE_CANCEL;
        System.arraycopy(topic, 0, frame, 1, topic.length);
        return Message.of(Frame.wrap(frame));
    }

    /**
     * Turns a SUBSCRIBE or CANCEL command into its message form.
     *
     * @param command a SUBSCRIBE or CANCEL command
     * @return the message
     */
    static Message fromCommand(Command command) {
        return message(ZmtpWire.COMMAND_SUBSCRIBE.equals(command.name()), command.topic());
    }

    /**
     * Encodes a subscription message as a ZMTP 3.1 command frame.
     *
     * @param message any message
     * @return the whole command frame, or null if the message is not a subscription
     */
    static byte[] toCommand(Message message) {
        if (!isSubscription(message)) {
            return null;
        }
        byte[] topic = topic(message);
        return isSubscribe(message) ? Command.encodeSubscribe(topic) : Command.encodeCancel(topic);
    }
}
