package dev.meshmq.interop;

import dev.meshmq.interop.InteropScenario.Binder;
import dev.meshmq.interop.InteropScenario.Flow;
import dev.meshmq.interop.InteropScenario.Payload;
import dev.meshmq.interop.InteropScenario.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The cross product of flows, transports, binders and payloads, as JUnit arguments. */
final class InteropCases {

    private InteropCases() {
    }

    static Stream<Arguments> all(Transport... transports) {
        List<Arguments> cases = new ArrayList<>();
        for (Flow flow : Flow.values()) {
            for (Transport transport : transports) {
                for (Binder binder : Binder.values()) {
                    for (Payload payload : Payload.values()) {
                        if (!payload.appliesTo(flow)) {
                            continue;
                        }
                        cases.add(Arguments.of(flow, transport, binder, payload));
                    }
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> pubSub(Transport... transports) {
        List<Arguments> cases = new ArrayList<>();
        for (PubSubInteropScenario.Flow flow : PubSubInteropScenario.Flow.values()) {
            for (Transport transport : transports) {
                for (Binder binder : Binder.values()) {
                    cases.add(Arguments.of(flow, transport, binder));
                }
            }
        }
        return cases.stream();
    }
}
