package dev.meshmq;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The rules for RADIO/DISH group names. A group is text, carried on the wire as its UTF-8 bytes: at most
 * {@link #MAX_BYTES} of them (libzmq 4.3's {@code ZMQ_GROUP_MAX_LENGTH} and JeroMQ 0.6's limit; libzmq 4.2
 * allowed 15), and no NUL character (libzmq keeps groups as C strings). The empty group is valid, as in
 * libzmq: it is the group of a message that was given none. Groups match exactly, byte for byte.
 *
 * <p>Thread-safety: stateless.
 */
public final class Groups {

    /** The longest group, in UTF-8 bytes. */
    public static final int MAX_BYTES = 255;

    private Groups() {
    }

    /**
     * Checks a group name.
     *
     * @param group the group
     * @return its UTF-8 bytes
     * @throws IllegalArgumentException naming the group if it is longer than {@link #MAX_BYTES} bytes or
     *     holds a NUL character
     * @throws NullPointerException if it is null
     */
    public static byte[] check(String group) {
        Objects.requireNonNull(group, "group");
        byte[] bytes = group.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("invalid group '" + shorten(group) + "': " + bytes.length
                    + " bytes in UTF-8, at most " + MAX_BYTES + " are allowed");
        }
        if (group.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid group '" + shorten(group.replace('\0', '?'))
                    + "': it holds a NUL character");
        }
        return bytes;
    }

    private static String shorten(String group) {
        return group.length() <= 40 ? group : group.substring(0, 40) + "...";
    }
}
