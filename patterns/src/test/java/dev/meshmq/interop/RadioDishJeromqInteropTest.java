package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.DishSocket;
import dev.meshmq.Message;
import dev.meshmq.RadioSocket;
import dev.meshmq.testsupport.Endpoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import zmq.Msg;

/**
 * RADIO/DISH against JeroMQ 0.6.0 over tcp, each side binding in turn: the group frame, JOIN (which
 * JeroMQ's radio session reads, and which MeshMQ sends although JeroMQ greets with ZMTP 3.0), and the
 * group on received messages. JeroMQ is the peer because Debian's libzmq 4.3.4 is built without the draft
 * API: pyzmq creates a RADIO but cannot join or set a group (zmq_join and zmq_msg_set_group are not
 * exported), and its handshake aborts on the socket-type name table over tcp.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RadioDishJeromqInteropTest {

    private static final Duration STEP = InteropScenario.STEP;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Context context;

    @BeforeEach
    void open() {
        context = Context.create();
    }

    @AfterEach
    void close() {
        context.close();
    }

    private static ZMQ.Socket jeromqSocket(ZMQ.Context jeromq, SocketType type) {
        ZMQ.Socket socket = jeromq.socket(type);
        socket.setReceiveTimeOut((int) STEP.toMillis());
        socket.setLinger(0);
        return socket;
    }

    private static void run(boolean meshBinds, Runnable scenario) {
        if (meshBinds) {
            JeromqPeer.retryingConnectStalls(scenario);
        } else {
            scenario.run();
        }
    }

    @ParameterizedTest(name = "MeshMQ binds: {0}")
    @ValueSource(booleans = {true, false})
    void meshRadioReachesTheGroupsAJeromqDishJoined(boolean meshBinds) {
        run(meshBinds, () -> {
            try (ZMQ.Context jeromq = ZMQ.context(1);
                    RadioSocket radio = context.createRadio();
                    ZMQ.Socket dish = jeromqSocket(jeromq, SocketType.DISH)) {
                assertTrue(dish.join("weather"));
                connect(meshBinds, radio, dish);
                // JeroMQ's DISH hands its joins to a new pipe when it is called, as libzmq's does; it is called
                // on this thread (an Awaitility condition runs on another, and a JeroMQ socket is single-threaded)
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (!radio.awaitJoined("weather", 1, Duration.ofMillis(50))) {
                    assertNull(dish.recvMsg(ZMQ.DONTWAIT), "nothing was sent yet");
                    assertTrue(System.nanoTime() < deadline, "the JeroMQ DISH's JOIN did not arrive");
                }
                radio.send("sport", "goal");
                radio.send("weather", "sunny");
                Msg received = dish.recvMsg(0);
                assertNotNull(received, "the JeroMQ DISH received nothing");
                assertEquals("sunny", new String(received.data(), StandardCharsets.UTF_8));
                assertEquals("weather", received.getGroup());
                dish.setReceiveTimeOut(200);
                assertNull(dish.recvMsg(0), "the group not joined was filtered");
            }
        });
    }

    @ParameterizedTest(name = "MeshMQ binds: {0}")
    @ValueSource(booleans = {true, false})
    void jeromqRadioReachesAMeshDish(boolean meshBinds) {
        run(meshBinds, () -> {
            try (ZMQ.Context jeromq = ZMQ.context(1);
                    DishSocket dish = context.createDish();
                    ZMQ.Socket radio = jeromqSocket(jeromq, SocketType.RADIO)) {
                dish.join("weather");
                connect(meshBinds, dish, radio);
                // JeroMQ's RADIO drops what it sends before the JOIN arrived: it sends until one gets through,
                // on this thread, as a JeroMQ socket is single-threaded
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                Message received = null;
                while (received == null) {
                    assertTrue(System.nanoTime() < deadline, "nothing reached the MeshMQ DISH");
                    assertTrue(radio.sendMsg(grouped("sport", "goal"), 0));
                    assertTrue(radio.sendMsg(grouped("weather", "sunny"), 0));
                    received = dish.receive(Duration.ofMillis(50)).orElse(null);
                }
                assertEquals("sunny", received.string(0));
                assertEquals("weather", received.group());
                Message next;
                while ((next = dish.receive(Duration.ofMillis(200)).orElse(null)) != null) {
                    assertEquals("weather", next.group(), "only the group joined arrives");
                }
            }
        });
    }

    private static Msg grouped(String group, String body) {
        Msg msg = new Msg(body.getBytes(StandardCharsets.UTF_8));
        assertTrue(msg.setGroup(group));
        return msg;
    }

    private static void connect(boolean meshBinds, dev.meshmq.Socket mesh, ZMQ.Socket jeromq) {
        if (meshBinds) {
            jeromq.connect(mesh.bind(Endpoints.tcp()));
        } else {
            jeromq.bind("tcp://127.0.0.1:*");
            mesh.connect(jeromq.getLastEndpoint());
        }
    }
}
