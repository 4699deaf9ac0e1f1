package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.DishSocket;
import dev.meshmq.RadioSocket;
import dev.meshmq.SocketOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * udp:// against datagrams in libzmq's format (one byte of group length, the group, the body: libzmq's
 * udp_engine), made and read by plain sockets in {@code /usr/bin/python3}. The peer is not libzmq itself:
 * Debian's libzmq 4.3.4 has no udp transport ({@code zmq.has("udp")} is false) and no draft API, so no
 * libzmq RADIO or DISH can run here. The script also reads each datagram's TTL (IP_RECVTTL), which shows
 * MULTICAST_HOPS at work.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UdpDatagramInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Sends the datagrams given as hex arguments to 127.0.0.1:port, one per argument. */
    private static final String SENDER = String.join("\n",
            "import socket, sys",
            "port = int(sys.argv[1])",
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "for h in sys.argv[2:]:",
            "    s.sendto(bytes.fromhex(h), ('127.0.0.1', port))",
            "print('sent', flush=True)");

    /**
     * Binds a port (joining a multicast group on lo if one is given), prints it, then prints, for each of
     * {@code count} datagrams, its TTL, group and body (hex).
     */
    private static final String RECEIVER = String.join("\n",
            "import socket, struct, sys",
            "count, group = int(sys.argv[1]), sys.argv[2]",
            "r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "r.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "r.bind(('0.0.0.0' if group != '-' else '127.0.0.1', 0))",
            "if group != '-':",
            "    mreq = socket.inet_aton(group) + socket.inet_aton('127.0.0.1')",
            "    r.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)",
            "r.setsockopt(socket.IPPROTO_IP, 12, 1)  # IP_RECVTTL",
            "r.settimeout(5)",
            "print(r.getsockname()[1], flush=True)",
            "for _ in range(count):",
            "    data, ancillary, _, _ = r.recvmsg(65536, 64)",
            "    ttl = struct.unpack('i', ancillary[0][2])[0] if ancillary else -1",
            "    n = data[0]",
            "    print(ttl, data[1:1 + n].decode(), data[1 + n:].hex(), len(data), flush=True)");

    private Context context;

    @BeforeEach
    void open() {
        context = Context.create();
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void aDishReadsDatagramsInLibzmqFormat() throws Exception {
        DishSocket dish = context.createDish();
        dish.join("weather");
        String endpoint = dish.bind("udp://127.0.0.1:*");
        String port = endpoint.substring(endpoint.lastIndexOf(':') + 1);
        Process python = python(SENDER, port,
                datagram("sport", "goal"), datagram("weather", "sunny"), "", "09616263", datagram("weather", "rain"));
        try (BufferedReader out = lines(python)) {
            assertEquals("sent", out.readLine());
        }
        assertEquals("sunny", dish.receive(TIMEOUT).orElseThrow().string(0));
        assertEquals("rain", dish.receive(TIMEOUT).orElseThrow().string(0));
        assertEquals(2, dish.malformedDiscarded(), "the empty datagram and the one shorter than its group");
    }

    @Test
    void aRadioSendsLibzmqFormatDatagramsUnicast() throws Exception {
        List<String> seen = receiveFrom("-", 0);
        assertEquals("weather " + hex("sunny") + " 13", seen.get(0).substring(seen.get(0).indexOf(' ') + 1));
    }

    @Test
    void aRadioSendsMulticastWithItsHops() throws Exception {
        String group = "239.255." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255);
        assertEquals("1 weather " + hex("sunny") + " 13", receiveFrom(group, 0).get(0), "default hops: 1");
        assertEquals("7 weather " + hex("sunny") + " 13", receiveFrom(group, 7).get(0), "MULTICAST_HOPS 7");
    }

    /** Starts the receiver, has a RADIO send one message to it, and returns what the receiver printed. */
    private List<String> receiveFrom(String group, int hops) throws Exception {
        Process python = python(RECEIVER, "1", group);
        try (BufferedReader out = lines(python); RadioSocket radio = context.createRadio()) {
            String port = out.readLine();
            if (hops > 0) {
                radio.set(SocketOptions.MULTICAST_HOPS, hops);
            }
            radio.connect("-".equals(group) ? "udp://127.0.0.1:" + port : "udp://127.0.0.1;" + group + ":" + port);
            radio.send("weather", "sunny");
            String line = out.readLine();
            assertTrue(python.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(0, python.exitValue(), "the receiver failed: " + errors(python));
            return List.of(line);
        }
    }

    private static String datagram(String group, String body) {
        return String.format("%02x", group.length()) + hex(group) + hex(body);
    }

    private static String hex(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }

    private static Process python(String script, String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(PythonPeer.PYTHON, "-c", script));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).start();
    }

    private static BufferedReader lines(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private static String errors(Process process) throws IOException {
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
