package dev.meshmq.patterns.pubsub;

import dev.meshmq.Frame;
import dev.meshmq.Message;

/**
 * ONLY_FIRST_SUBSCRIBE on XPUB and XSUB: a multipart message whose first frame starts with 0x01
 * (subscribe) or 0x00 (cancel) carries a subscription in that frame and user data in the others.
 * Without the option MeshMQ takes every multipart message as user data (libzmq instead looks at
 * every frame of it).
 *
 * <p>Thread-safety: stateless.
 */
final class FirstFrameSubscription {

    private FirstFrameSubscription() {
    }

    /** Whether {@code message} has several frames and its first is a subscribe or cancel. */
    static boolean carriesOne(Message message) {
        if (message.size() < 2 || message.first().isEmpty()) {
            return false;
        }
        byte flag = message.first().byteAt(0);
        return flag == 0 || flag == 1;
    }

    /** Whether the first frame subscribes (rather than cancels); for a message that {@link #carriesOne}. */
    static boolean subscribes(Message message) {
        return message.first().byteAt(0) == 1;
    }

    /** The topic in the first frame; for a message that {@link #carriesOne}. */
    static byte[] topic(Message message) {
        byte[] frame = message.first().toByteArray();
        byte[] topic = new byte[frame.length - 1];
        System.arraycopy(frame, 1, topic, 0, topic.length);
        return topic;
    }

    /** The user data: every frame after the first. */
    static Message userData(Message message) {
        return Message.of(message.frames().subList(1, message.size()).toArray(new Frame[0]));
    }
}
