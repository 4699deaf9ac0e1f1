package dev.meshmq.interop;

import dev.meshmq.interop.InteropScenario.Binder;
import dev.meshmq.interop.InteropScenario.Flow;
import dev.meshmq.interop.InteropScenario.Payload;
import dev.meshmq.interop.InteropScenario.Transport;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MeshMQ against libzmq 4.3.4 (Debian's python3-zmq running zmq_peer.py): PAIR, PUSH/PULL and pub-sub, over
 * tcp and ipc, each side binding in turn, with single-part, multipart, 0-byte and 1 MiB messages; and a
 * libzmq PUB and SUB talking through a MeshMQ XSUB/XPUB proxy.
 */
class LibzmqInteropTest {

    @BeforeAll
    static void requirePeer() {
        PythonPeer.requireLibzmq();
    }

    static Stream<Arguments> cases() {
        return InteropCases.all(Transport.values());
    }

    @ParameterizedTest(name = "{0} over {1}, {2} binds, {3}")
    @MethodSource("cases")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void exchangesWithLibzmq(Flow flow, Transport transport, Binder binder, Payload payload) {
        InteropScenario.run(PythonPeer::start, flow, transport, binder, payload);
    }

    static Stream<Arguments> pubSubCases() {
        return InteropCases.pubSub(Transport.values());
    }

    @ParameterizedTest(name = "{0} over {1}, {2} binds")
    @MethodSource("pubSubCases")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void publishesAndSubscribesWithLibzmq(PubSubInteropScenario.Flow flow, Transport transport, Binder binder) {
        PubSubInteropScenario.run(PythonPeer::start, flow, transport, binder);
    }

    static Stream<Arguments> proxyCases() {
        return Stream.of(Transport.values()).flatMap(transport -> Stream.of(Binder.values())
                .map(binder -> Arguments.of(transport, binder)));
    }

    @ParameterizedTest(name = "libzmq PUB -> MeshMQ XSUB/XPUB proxy -> libzmq SUB over {0}, {1} binds")
    @MethodSource("proxyCases")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void forwardsSubscriptionsAndMessagesThroughAMeshMqProxy(Transport transport, Binder binder) {
        ProxyInteropScenario.run(PythonPeer::start, transport, binder);
    }
}
