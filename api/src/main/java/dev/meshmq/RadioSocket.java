package dev.meshmq;

import java.time.Duration;

/**
 * RADIO: the thread-safe sending end of radio-dish (libzmq's draft RADIO). Each message goes to the
 * DISH peers that joined its {@link Message#group() group}, exactly matched; a DISH at its high-water
 * mark misses it (dropped and counted, as PUB does; a send never waits). Over tcp, ipc and inproc the
 * DISH peers tell their joins with JOIN and LEAVE commands; a {@code udp://} endpoint (RADIO connects,
 * DISH binds) gets every message as one datagram and the DISH filters. Single-frame messages only: a
 * multipart message is refused with {@link IllegalArgumentException}. A message sent without a group
 * goes to the empty group, as in libzmq.
 *
 * <pre>{@code
 * radio.send("weather", "sunny");
 * radio.send(Message.of("sunny").withGroup("weather"));
 * }</pre>
 *
 * <p>Thread-safety: safe to use from any number of threads at once, as in libzmq (a draft type there).
 */
public interface RadioSocket extends Socket, MessageSender {

    /**
     * Sends a body to a group.
     *
     * @param group the group, checked by {@link Groups#check}
     * @param body the body; copied
     * @throws IllegalArgumentException if the group is invalid
     */
    default void send(String group, byte[] body) {
        send(Message.of(body).withGroup(group));
    }

    /**
     * Sends a UTF-8 body to a group.
     *
     * @param group the group, checked by {@link Groups#check}
     * @param body the body
     * @throws IllegalArgumentException if the group is invalid
     */
    default void send(String group, String body) {
        send(Message.of(body).withGroup(group));
    }

    /**
     * Returns what this socket sent and dropped, in total and per DISH peer.
     *
     * @return a snapshot
     */
    PublisherStatistics publisherStatistics();

    /**
     * Waits until at least {@code count} peers have joined {@code group} (a {@code udp://} endpoint counts
     * as joined to every group): messages sent before a DISH's JOIN arrives are not for it.
     *
     * @param group the group
     * @param count how many peers
     * @param timeout the longest wait
     * @return true if that many joined in time
     */
    boolean awaitJoined(String group, int count, Duration timeout);
}
