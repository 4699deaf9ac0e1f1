package dev.meshmq.patterns;

import static dev.meshmq.testsupport.RawZmtpPeer.FLAG_COMMAND;
import static dev.meshmq.testsupport.RawZmtpPeer.FLAG_MORE;
import static dev.meshmq.testsupport.RawZmtpPeer.command;
import static dev.meshmq.testsupport.RawZmtpPeer.concat;
import static dev.meshmq.testsupport.RawZmtpPeer.frame;
import static dev.meshmq.testsupport.RawZmtpPeer.message;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.DishSocket;
import dev.meshmq.Message;
import dev.meshmq.RadioSocket;
import dev.meshmq.testsupport.RawZmtpPeer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RADIO/DISH on the wire, against a hand-made ZMTP peer (bytes written from the reference and from
 * libzmq's radio and dish sessions, not with MeshMQ's codec): a message is a group frame with MORE then
 * the body; JOIN and LEAVE are commands whose data is the group, sent to ZMTP 3.0 peers too; malformed
 * joins and messages are dropped without harm.
 */
class RadioDishWireTest extends MeshTestSupport {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Connects a raw peer of {@code type} with ZMTP 3.{@code minor}, and reads the socket's greeting and READY. */
    private static RawZmtpPeer handshake(String endpoint, String type, int minor) throws IOException {
        RawZmtpPeer peer = RawZmtpPeer.connect(endpoint, TIMEOUT);
        peer.send(concat(RawZmtpPeer.greeting(3, minor, "NULL"), RawZmtpPeer.ready(type)), TIMEOUT);
        peer.receive(RawZmtpPeer.GREETING_SIZE, TIMEOUT);
        byte[] ready = peer.receiveFrame(TIMEOUT);
        assertEquals(FLAG_COMMAND, ready[0], "READY first");
        return peer;
    }

    @Test
    void aRadioSendsTheGroupFrameWithMoreThenTheBody() throws IOException {
        Context context = newContext();
        RadioSocket radio = context.createRadio();
        try (RawZmtpPeer dish = handshake(radio.bind("tcp://127.0.0.1:*"), "DISH", 1)) {
            dish.send(command("JOIN", bytes("weather")), TIMEOUT);
            assertTrue(radio.awaitJoined("weather", 1, TIMEOUT));
            radio.send("sport", "not joined");
            radio.send("weather", "sunny");
            assertArrayEquals(concat(new byte[] {FLAG_MORE}, bytes("weather")), dish.receiveFrame(TIMEOUT));
            assertArrayEquals(concat(new byte[] {0}, bytes("sunny")), dish.receiveFrame(TIMEOUT));
            dish.send(command("LEAVE", bytes("weather")), TIMEOUT);
            await().atMost(TIMEOUT).until(() -> !radio.awaitJoined("weather", 1, SHORT));
        }
    }

    /** libzmq's radio session would assert on a group over 255 bytes; MeshMQ ignores and counts such a JOIN. */
    @Test
    void malformedJoinsAndStrayMessagesAreDroppedAndTheRadioGoesOn() throws IOException {
        Context context = newContext();
        RadioSocket radio = context.createRadio();
        try (RawZmtpPeer dish = handshake(radio.bind("tcp://127.0.0.1:*"), "DISH", 1)) {
            dish.send(concat(
                    command("JOIN", new byte[300]),
                    command("JOIN", new byte[] {(byte) 0xff, (byte) 0xfe}),
                    command("JOIN", bytes("a\0b")),
                    command("LEAVE", bytes("never joined")),
                    message("a stray", "message"),
                    command("JOIN", bytes("ok"))), TIMEOUT);
            assertTrue(radio.awaitJoined("ok", 1, TIMEOUT));
            assertEquals(3, radio.statistics().peers().get(0).commandsIgnored(), "the three malformed JOINs");
            radio.send("ok", "still here");
            assertArrayEquals(concat(new byte[] {FLAG_MORE}, bytes("ok")), dish.receiveFrame(TIMEOUT));
            assertArrayEquals(concat(new byte[] {0}, bytes("still here")), dish.receiveFrame(TIMEOUT));
        }
    }

    /** libzmq's dish session sends JOIN and LEAVE as commands whatever the peer's minor version. */
    @ParameterizedTest(name = "peer greets ZMTP 3.{0}")
    @ValueSource(ints = {0, 1})
    void aDishSendsJoinAndLeaveCommands(int minor) throws IOException {
        Context context = newContext();
        DishSocket dish = context.createDish();
        dish.join("weather");
        try (RawZmtpPeer radio = handshake(dish.bind("tcp://127.0.0.1:*"), "RADIO", minor)) {
            byte[] join = receiveWhileCalling(dish, radio);
            // receiveFrame gives the flags and the body: 04 JOIN weather, a 12-byte command body
            assertArrayEquals(concat(new byte[] {FLAG_COMMAND, 4}, bytes("JOIN"), bytes("weather")), join);
            dish.leave("weather");
            assertArrayEquals(concat(new byte[] {FLAG_COMMAND, 5}, bytes("LEAVE"), bytes("weather")),
                    radio.receiveFrame(TIMEOUT));
        }
    }

    /** A DISH that bound sends its joins when it is next called: it is called until the JOIN arrives. */
    private static byte[] receiveWhileCalling(DishSocket dish, RawZmtpPeer radio) {
        byte[][] frame = new byte[1][];
        await().atMost(TIMEOUT).until(() -> {
            dish.tryReceive();
            try {
                frame[0] = radio.receiveFrame(SHORT);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return frame[0];
    }

    @Test
    void malformedMessagesAreDiscardedAndCountedByTheDish() throws IOException {
        Context context = newContext();
        DishSocket dish = context.createDish();
        dish.join("weather");
        try (RawZmtpPeer radio = handshake(dish.bind("tcp://127.0.0.1:*"), "RADIO", 1)) {
            receiveWhileCalling(dish, radio);
            radio.send(concat(
                    message("no group frame"),
                    message("weather", "two", "bodies"),
                    message(new byte[256], bytes("group too long")),
                    message(new byte[] {(byte) 0xc3}, bytes("group not UTF-8")),
                    frame(FLAG_MORE, bytes("weather")), frame(0, bytes("sunny"))), TIMEOUT);
            Message received = dish.receive(TIMEOUT).orElseThrow();
            assertEquals("sunny", received.string(0));
            assertEquals("weather", received.group());
            assertEquals(4, dish.malformedDiscarded());
        }
    }
}
