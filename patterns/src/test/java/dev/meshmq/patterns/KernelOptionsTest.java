package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.RouterNotify;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.MonitorEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * TCP_KEEPALIVE*, SNDBUF, RCVBUF and TOS as the kernel sees them on a live MeshMQ connection (read
 * with iproute2's {@code ss}, which must be installed), and the validation of the issue-15 options.
 */
class KernelOptionsTest extends MeshTestSupport {

    private static final Pattern SEND_BUFFER = Pattern.compile("tb(\\d+)");
    private static final Pattern RECEIVE_BUFFER = Pattern.compile("rb(\\d+)");

    @Test
    void keepaliveWithItsIdleTimeRunsAKeepaliveTimerOnTheConnection() throws Exception {
        Context context = newContext();
        PullSocket pull = context.createPull();
        String endpoint = pull.bind("tcp://127.0.0.1:*");
        PushSocket push = context.createPush();
        push.set(SocketOptions.TCP_KEEPALIVE, true);
        push.set(SocketOptions.TCP_KEEPALIVE_IDLE, Duration.ofSeconds(700));
        push.set(SocketOptions.TCP_KEEPALIVE_INTVL, Duration.ofSeconds(3));
        push.set(SocketOptions.TCP_KEEPALIVE_CNT, 4);
        String line = connectAndInspect(push, pull, endpoint, "-tnoH");
        Matcher timer = Pattern.compile("timer:\\(keepalive,(\\d+)min").matcher(line);
        assertTrue(timer.find(), "a keepalive timer of about 700 s: " + line);
        assertTrue(Integer.parseInt(timer.group(1)) >= 10, line);

        PushSocket plain = context.createPush();
        String without = connectAndInspect(plain, pull, endpoint, "-tnoH");
        assertFalse(without.contains("keepalive"), "no keepalive unless asked: " + without);
    }

    @Test
    void sendAndReceiveBuffersAreTheConnectionsOwn() throws Exception {
        Context context = newContext();
        PullSocket pull = context.createPull();
        String endpoint = pull.bind("tcp://127.0.0.1:*");
        PushSocket push = context.createPush();
        int size = 40_000;
        push.set(SocketOptions.SNDBUF, size);
        push.set(SocketOptions.RCVBUF, size);
        String line = connectAndInspect(push, pull, endpoint, "-tmH");
        assertEquals(2 * size, number(SEND_BUFFER, line), "Linux doubles SO_SNDBUF: " + line);
        assertEquals(2 * size, number(RECEIVE_BUFFER, line), "Linux doubles SO_RCVBUF: " + line);
    }

    @Test
    void theIssue15OptionsAreValidated() {
        Context context = newContext();
        PushSocket push = context.createPush();
        Duration[] bads = {Duration.ofMillis(1500), Duration.ofSeconds(-1), Duration.ofSeconds(40_000)};
        for (Duration bad : bads) {
            assertThrows(IllegalArgumentException.class, () -> push.set(SocketOptions.TCP_KEEPALIVE_IDLE, bad));
            assertThrows(IllegalArgumentException.class, () -> push.set(SocketOptions.TCP_KEEPALIVE_INTVL, bad));
        }
        assertThrows(IllegalArgumentException.class, () -> push.set(SocketOptions.TCP_KEEPALIVE_CNT, 128));
        assertThrows(IllegalArgumentException.class, () -> push.set(SocketOptions.TCP_KEEPALIVE_CNT, -1));
        assertThrows(IllegalArgumentException.class, () -> push.set(SocketOptions.TOS, 256));
        assertThrows(IllegalArgumentException.class, () -> push.set(SocketOptions.SNDBUF, -1));
        assertThrows(IllegalArgumentException.class, () -> push.set(SocketOptions.RCVBUF, -1));
        assertThrows(IllegalArgumentException.class, () -> push.set(SocketOptions.DISCONNECT_MSG, Frame.of("x")));
        assertThrows(IllegalArgumentException.class, () -> push.set(SocketOptions.ROUTER_NOTIFY, RouterNotify.CONNECT));
        assertThrows(IllegalArgumentException.class,
                () -> context.createSub().set(SocketOptions.HELLO_MSG, Frame.of("x")));
        push.set(SocketOptions.TCP_KEEPALIVE_IDLE, Duration.ofSeconds(32_767));
        assertEquals(Duration.ofSeconds(32_767), push.get(SocketOptions.TCP_KEEPALIVE_IDLE));
        push.set(SocketOptions.TOS, 0xB8);
        assertEquals(0xB8, push.get(SocketOptions.TOS));
    }

    @Test
    void aTosConnectionStillCarriesMessages() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        pull.set(SocketOptions.TOS, 0x10);
        String endpoint = pull.bind("tcp://127.0.0.1:*");
        PushSocket push = context.createPush();
        push.set(SocketOptions.TOS, 0xB8);
        push.connect(endpoint);
        push.send(Message.of("expedited"));
        assertEquals("expedited", pull.receive(TIMEOUT).orElseThrow().string(0));
    }

    /** Connects {@code push}, waits until a message went through, and returns ss's line for its connection. */
    private String connectAndInspect(PushSocket push, PullSocket pull, String endpoint, String flags)
            throws IOException, InterruptedException {
        MonitorEvents events = new MonitorEvents();
        push.monitor(events);
        push.connect(endpoint);
        push.send(Message.of("x"));
        assertTrue(pull.receive(TIMEOUT).isPresent());
        MonitorEvent connected = events.awaitEvent(MonitorEventType.CONNECTED, TIMEOUT);
        String local = connected.localAddress().replaceFirst("^/", "");
        String port = local.substring(local.lastIndexOf(':') + 1);
        String remotePort = endpoint.substring(endpoint.lastIndexOf(':') + 1);
        // both ports: the kernel may reuse a local port towards another destination at the same time
        Process ss = new ProcessBuilder("ss", flags, "state", "established",
                "( sport = :" + port + " and dport = :" + remotePort + " )").redirectErrorStream(true).start();
        assertTrue(ss.waitFor(10, TimeUnit.SECONDS), "ss did not finish");
        String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, ss.exitValue(), "ss (iproute2) is needed: " + output);
        assertTrue(output.contains(":" + port), "ss shows the connection from port " + port + ": " + output);
        return output;
    }

    private static int number(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), pattern + " in " + text);
        return Integer.parseInt(matcher.group(1));
    }
}
