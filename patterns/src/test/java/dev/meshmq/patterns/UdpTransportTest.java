package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.DishSocket;
import dev.meshmq.IncompatibleSocketException;
import dev.meshmq.InvalidEndpointException;
import dev.meshmq.Message;
import dev.meshmq.PublisherStatistics;
import dev.meshmq.PullSocket;
import dev.meshmq.RadioSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.transport.GroupWire;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The udp:// transport: RADIO connects and DISH binds, unicast and multicast (on the loopback interface,
 * which this machine's kernel allows, and on the first other multicast interface for MULTICAST_LOOP),
 * libzmq's datagram format, malformed datagrams, and the types and forms it refuses.
 */
class UdpTransportTest extends MeshTestSupport {

    /** A multicast group of the administratively scoped range, different per run. */
    private static String group() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "239.255." + random.nextInt(1, 255) + "." + random.nextInt(1, 255);
    }

    /** A DISH of {@code context} that joined group "g". */
    private static DishSocket dishOfG(Context context) {
        DishSocket dish = context.createDish();
        dish.join("g");
        return dish;
    }

    @Test
    void malformedDatagramsAreCountedAndTheDishGoesOn() throws IOException {
        Context context = newContext();
        DishSocket dish = dishOfG(context);
        String endpoint = dish.bind("udp://127.0.0.1:*");
        int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        try (DatagramChannel raw = DatagramChannel.open()) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
            byte[][] datagrams = {
                {},
                {5, 'a', 'b'},
                {(byte) 0xff, 'g', 'h'},
                {2, (byte) 0xc3, (byte) 0x28, 'x'},
                {1, 'g'},
                {1, 'g', 'b', 'o', 'd', 'y'},
            };
            for (byte[] datagram : datagrams) {
                raw.send(ByteBuffer.wrap(datagram), target);
            }
        }
        Message empty = dish.receive(TIMEOUT).orElseThrow();
        assertEquals(0, empty.first().size(), "a group with an empty body is a message");
        assertEquals("g", empty.group());
        assertEquals("body", dish.receive(TIMEOUT).orElseThrow().string(0));
        assertEquals(4, dish.malformedDiscarded());
    }

    /**
     * A message too long for one datagram (libzmq's limit: 8192 bytes of group length, group and body) is
     * dropped for the udp peer and counted in the publisher statistics, for that peer and in all; a tcp
     * DISH of the same RADIO still gets it; one at the limit crosses udp whole.
     */
    @Test
    void aMessageTooLongForOneDatagramIsDroppedForUdpPeersAndCounted() {
        Context context = newContext();
        DishSocket udpDish = dishOfG(context);
        String udp = udpDish.bind("udp://127.0.0.1:*");
        RadioSocket radio = context.createRadio();
        radio.connect(udp);
        DishSocket tcpDish = dishOfG(context);
        tcpDish.connect(radio.bind("tcp://127.0.0.1:*"));
        assertTrue(radio.awaitJoined("g", 2, TIMEOUT));
        int atLimit = GroupWire.MAX_DATAGRAM - 1 - "g".length();
        radio.send("g", new byte[atLimit]);
        radio.send("g", new byte[atLimit + 1]);
        radio.send("g", "after");
        assertEquals(atLimit, udpDish.receive(TIMEOUT).orElseThrow().first().size(), "at the limit");
        assertEquals("after", udpDish.receive(TIMEOUT).orElseThrow().string(0), "the long one is not sent");
        assertEquals(atLimit, tcpDish.receive(TIMEOUT).orElseThrow().first().size());
        assertEquals(atLimit + 1, tcpDish.receive(TIMEOUT).orElseThrow().first().size(), "tcp has no such limit");
        assertEquals("after", tcpDish.receive(TIMEOUT).orElseThrow().string(0));
        PublisherStatistics stats = radio.publisherStatistics();
        assertEquals(3, stats.messagesPublished());
        assertEquals(5, stats.messagesSent(), stats.toString());
        assertEquals(1, stats.messagesDropped(), stats.toString());
        PublisherStatistics.Peer udpPeer = stats.peers().stream().filter(p -> p.endpoint().startsWith("udp://"))
                .findFirst().orElseThrow();
        assertEquals(1, udpPeer.messagesDropped(), udpPeer.toString());
        assertEquals(2, udpPeer.messagesSent(), udpPeer.toString());
        assertEquals(0, radio.statistics().droppedAtHwm(), "not a high-water-mark drop");
        expectNothing(udpDish, SHORT);
    }

    @Test
    void multicastOnTheLoopbackInterfaceReachesEveryDishOfTheGroup() {
        Context context = newContext();
        DishSocket first = context.createDish();
        first.join("g");
        String endpoint = first.bind("udp://127.0.0.1;" + group() + ":*");
        DishSocket second = context.createDish();
        second.join("g");
        assertEquals(endpoint, second.bind(endpoint), "two receivers share a multicast port");
        RadioSocket radio = context.createRadio();
        radio.connect(endpoint);
        radio.send("other", "not joined");
        radio.send("g", "to all");
        assertEquals("to all", first.receive(TIMEOUT).orElseThrow().string(0));
        assertEquals("to all", second.receive(TIMEOUT).orElseThrow().string(0));
        expectNothing(first, SHORT);
    }

    /**
     * MULTICAST_LOOP off keeps multicast from this host's own receivers. On the loopback interface the
     * kernel delivers anyway (what leaves on lo comes back on lo), so this uses the first other interface
     * that is up and multicast-capable; a machine without one fails here, saying so.
     */
    @Test
    void multicastLoopOffKeepsDatagramsFromThisHost() throws SocketException {
        String address = nonLoopbackMulticastAddress();
        Context context = newContext();
        DishSocket dish = context.createDish();
        dish.join("g");
        String endpoint = dish.bind("udp://" + address + ";" + group() + ":*");
        RadioSocket silent = context.createRadio();
        silent.set(SocketOptions.MULTICAST_LOOP, false);
        silent.connect(endpoint);
        RadioSocket looping = context.createRadio();
        looping.connect(endpoint);
        silent.send("g", "loop off");
        looping.send("g", "loop on");
        assertEquals("loop on", dish.receive(TIMEOUT).orElseThrow().string(0));
        expectNothing(dish, QUIET);
    }

    private static String nonLoopbackMulticastAddress() throws SocketException {
        for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
            if (nif.isUp() && !nif.isLoopback() && nif.supportsMulticast()) {
                var ipv4 = nif.inetAddresses().filter(Inet4Address.class::isInstance).findFirst();
                if (ipv4.isPresent()) {
                    return ipv4.get().getHostAddress();
                }
            }
        }
        throw new AssertionError("this machine has no multicast interface besides loopback to test MULTICAST_LOOP");
    }

    @Test
    void optionsAreValidatedAndOnlyForTheRadio() {
        Context context = newContext();
        RadioSocket radio = context.createRadio();
        assertEquals(1, radio.get(SocketOptions.MULTICAST_HOPS), "libzmq's default");
        assertTrue(radio.get(SocketOptions.MULTICAST_LOOP), "libzmq's default");
        radio.set(SocketOptions.MULTICAST_HOPS, 255);
        assertThrows(IllegalArgumentException.class, () -> radio.set(SocketOptions.MULTICAST_HOPS, 0));
        assertThrows(IllegalArgumentException.class, () -> radio.set(SocketOptions.MULTICAST_HOPS, 256));
        assertEquals(255, radio.get(SocketOptions.MULTICAST_HOPS), "a refused value changed nothing");
        DishSocket dish = context.createDish();
        assertThrows(IllegalArgumentException.class, () -> dish.set(SocketOptions.MULTICAST_LOOP, false));
    }

    @Test
    void onlyADishBindsAndOnlyARadioConnectsUdp() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        IncompatibleSocketException refused = assertThrows(IncompatibleSocketException.class,
                () -> pull.bind("udp://127.0.0.1:*"));
        assertTrue(refused.getMessage().contains("RADIO and DISH only"), refused.getMessage());
        assertThrows(IncompatibleSocketException.class, () -> pull.connect("udp://127.0.0.1:5555"));
        assertThrows(IncompatibleSocketException.class, () -> context.createRadio().bind("udp://127.0.0.1:*"));
        assertThrows(IncompatibleSocketException.class, () -> context.createDish().connect("udp://127.0.0.1:5555"));
    }

    @Test
    void malformedUdpEndpointsAreRefused() {
        Context context = newContext();
        DishSocket dish = context.createDish();
        RadioSocket radio = context.createRadio();
        assertThrows(InvalidEndpointException.class, () -> dish.bind("udp://127.0.0.1"), "no port");
        assertThrows(InvalidEndpointException.class, () -> dish.bind("udp://127.0.0.1;127.0.0.2:5555"),
                "an interface before a unicast address");
        assertThrows(InvalidEndpointException.class, () -> dish.bind("udp://;239.1.1.1:5555"), "empty interface");
        assertThrows(InvalidEndpointException.class, () -> dish.bind("udp://no-such-nic0;239.1.1.1:5555"));
        assertThrows(InvalidEndpointException.class, () -> radio.connect("udp://127.0.0.1:*"), "wildcard port");
        assertThrows(InvalidEndpointException.class, () -> radio.connect("udp://[::1]:5555"), "IPv4 only");
    }

    @Test
    void aUnicastPortIsNotSharedByTwoDishes() {
        Context context = newContext();
        String endpoint = context.createDish().bind("udp://127.0.0.1:*");
        assertThrows(dev.meshmq.AddressInUseException.class, () -> context.createDish().bind(endpoint));
    }

    @Test
    void anUnboundPortCanBeBoundAgain() {
        Context context = newContext();
        DishSocket dish = dishOfG(context);
        String endpoint = dish.bind("udp://127.0.0.1:*");
        dish.unbind(endpoint);
        assertEquals(endpoint, dish.bind(endpoint));
        RadioSocket radio = context.createRadio();
        radio.connect(endpoint);
        radio.send("g", "again");
        assertEquals("again", dish.receive(TIMEOUT).orElseThrow().string(0));
    }
}
