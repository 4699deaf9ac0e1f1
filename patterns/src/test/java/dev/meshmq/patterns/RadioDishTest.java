package dev.meshmq.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.DishSocket;
import dev.meshmq.Groups;
import dev.meshmq.Message;
import dev.meshmq.PublisherStatistics;
import dev.meshmq.RadioSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RADIO/DISH: the contract over tcp, ipc, inproc and udp, group rules, high-water mark, reconnects. */
class RadioDishTest extends MeshTestSupport {

    /** A DISH binds or connects; the RADIO does the other; the DISH joins two of three groups. */
    @ParameterizedTest(name = "{0}, DISH binds: {1}")
    @CsvSource({"tcp,true", "tcp,false", "ipc,true", "ipc,false", "inproc,true", "inproc,false", "udp,true"})
    void aDishReceivesTheGroupsItJoinedEachMessageCarryingItsGroup(String transport, boolean dishBinds) {
        Context context = newContext();
        RadioSocket radio = context.createRadio();
        DishSocket dish = context.createDish();
        assertTrue(dish.join("weather"));
        assertTrue(dish.join(""));
        assertFalse(dish.join("weather"), "joined already");
        connect(transport, dishBinds, radio, dish);
        awaitJoined(radio, dish, "weather");
        awaitJoined(radio, dish, "");
        radio.send("sport", "goal");
        radio.send("weather", "sunny");
        radio.send(Message.of("no group"));
        radio.send(Message.of("rain").withGroup("weather"));
        Message first = dish.receive(TIMEOUT).orElseThrow();
        assertEquals("sunny", first.string(0));
        assertEquals("weather", first.group());
        Message second = dish.receive(TIMEOUT).orElseThrow();
        assertEquals("no group", second.string(0));
        assertEquals("", second.group(), "a message sent without a group is in the empty group");
        assertEquals("rain", dish.receive(TIMEOUT).orElseThrow().string(0));
        expectNothing(dish, SHORT);
        assertEquals(Set.of("weather", ""), dish.joinedGroups());
        assertEquals(0, dish.malformedDiscarded());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc", "inproc"})
    void leavingStopsTheGroupAtTheRadio(String transport) {
        Context context = newContext();
        RadioSocket radio = context.createRadio();
        DishSocket dish = context.createDish();
        dish.join("a");
        dish.join("b");
        connect(transport, false, radio, dish);
        assertTrue(radio.awaitJoined("a", 1, TIMEOUT) && radio.awaitJoined("b", 1, TIMEOUT));
        assertTrue(dish.leave("a"));
        assertFalse(dish.leave("a"), "not joined any more");
        await().atMost(TIMEOUT).until(() -> {
            long before = radio.publisherStatistics().messagesSent();
            radio.send("a", "left");
            return radio.publisherStatistics().messagesSent() == before;
        });
        radio.send("b", "kept");
        assertEquals("kept", dish.receive(TIMEOUT).orElseThrow().string(0), "the DISH dropped what was sent to a");
        expectNothing(dish, SHORT);
    }

    @Test
    void groupsAreAtMost255Utf8BytesWithoutNul() {
        Context context = newContext();
        DishSocket dish = context.createDish();
        String longest = "g".repeat(Groups.MAX_BYTES);
        assertTrue(dish.join(longest));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> dish.join("h".repeat(Groups.MAX_BYTES + 1)));
        assertTrue(tooLong.getMessage().contains("256 bytes"), tooLong.getMessage());
        assertTrue(tooLong.getMessage().contains("hhhh"), "names the group: " + tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> dish.join("é".repeat(128)), "256 bytes in UTF-8");
        assertThrows(IllegalArgumentException.class, () -> dish.join("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> Message.of("x").withGroup("g".repeat(256)));
        assertThrows(IllegalArgumentException.class, () -> Message.of("x", "y").withGroup("g"), "single frame");
        assertThrows(NullPointerException.class, () -> dish.join(null));
        RadioSocket radio = context.createRadio();
        assertThrows(IllegalArgumentException.class, () -> radio.send(Message.of("x", "y")), "single frame");
        assertThrows(IllegalArgumentException.class, () -> radio.send("g".repeat(256), "x"));
        assertEquals(Set.of(longest), dish.joinedGroups(), "a refused join changed nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void aFullDishMissesMessagesAndTheRadioCountsTheDrops(String transport) {
        Context context = newContext();
        RadioSocket radio = context.createRadio();
        DishSocket dish = context.createDish();
        radio.set(SocketOptions.SEND_HWM, 10);
        dish.set(SocketOptions.RECEIVE_HWM, 10);
        dish.join("g");
        connect(transport, false, radio, dish);
        assertTrue(radio.awaitJoined("g", 1, TIMEOUT));
        int sends = 5_000;
        for (int i = 0; i < sends; i++) {
            radio.send("g", "m" + i);
        }
        PublisherStatistics stats = radio.publisherStatistics();
        assertTrue(stats.messagesDropped() > 0, "nothing dropped: " + stats);
        assertEquals(sends, stats.messagesSent() + stats.messagesDropped());
        assertEquals(stats.messagesDropped(), radio.statistics().droppedAtHwm());
        for (long i = 0; i < stats.messagesSent(); i++) {
            assertTrue(dish.receive(TIMEOUT).isPresent(), "message " + i + " of the " + stats.messagesSent()
                    + " the RADIO queued did not arrive");
        }
        expectNothing(dish, SHORT);
    }

    /** The peer goes away and comes back on the same address: the DISH's joins reach the new peer. */
    @ParameterizedTest(name = "{0}, DISH binds: {1}")
    @CsvSource({"tcp,false", "tcp,true", "ipc,false"})
    void joinsAreSentAgainAfterAReconnect(String transport, boolean dishBinds) {
        Context context = newContext();
        DishSocket dish = context.createDish();
        dish.join("g");
        String endpoint = concreteEndpoint(transport);
        RadioSocket radio = context.createRadio();
        if (dishBinds) {
            dish.bind(endpoint);
            radio.connect(endpoint);
        } else {
            radio.bind(endpoint);
            dish.connect(endpoint);
        }
        awaitJoined(radio, dish, "g");
        radio.close();
        dish.join("later");
        RadioSocket again = context.createRadio();
        if (dishBinds) {
            again.connect(endpoint);
        } else {
            again.bind(endpoint);
        }
        awaitJoined(again, dish, "g");
        awaitJoined(again, dish, "later");
        again.send("g", "after");
        assertEquals("after", dish.receive(TIMEOUT).orElseThrow().string(0));
    }

    @Test
    void radioAndDishAreSharedByThreads() throws Exception {
        Context context = newContext();
        RadioSocket radio = context.createRadio();
        DishSocket dish = context.createDish();
        radio.set(SocketOptions.SEND_HWM, 0);
        dish.set(SocketOptions.RECEIVE_HWM, 0);
        dish.join("g");
        connect("inproc", true, radio, dish);
        awaitJoined(radio, dish, "g");
        Set<String> received = ConcurrentHashMap.newKeySet();
        List<dev.meshmq.testsupport.Worker<Void>> workers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int from = t;
            workers.add(background("radio-" + t, () -> {
                for (int i = 0; i < 200; i++) {
                    radio.send("g", from + ":" + i);
                }
                return null;
            }));
            workers.add(background("dish-" + t, () -> {
                while (received.size() < 600 && dish.receive(QUIET).map(m -> received.add(m.string(0))).isPresent()) {
                    continue;
                }
                return null;
            }));
        }
        for (var worker : workers) {
            worker.value(TIMEOUT);
        }
        assertEquals(600, received.size());
    }

    /**
     * Waits until the RADIO holds the DISH's join of {@code group}. A DISH that bound sends its joins to a
     * new peer when it is next called (as libzmq's does, and as a SUB that bound): it is called meanwhile,
     * before anything was sent, so nothing is received.
     */
    static void awaitJoined(RadioSocket radio, DishSocket dish, String group) {
        await().atMost(TIMEOUT).until(() -> {
            assertTrue(dish.tryReceive().isEmpty(), "nothing was sent yet");
            return radio.awaitJoined(group, 1, SHORT);
        });
    }

    /** Sockets of this test: one binds, the other connects. */
    static void connect(String transport, boolean dishBinds, RadioSocket radio, DishSocket dish) {
        String endpoint = "udp".equals(transport) ? "udp://127.0.0.1:*" : Endpoints.fresh(transport);
        if (dishBinds) {
            radio.connect(dish.bind(endpoint));
        } else {
            dish.connect(radio.bind(endpoint));
        }
    }
}
