package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.DealerSocket;
import dev.meshmq.Message;
import dev.meshmq.Poller;
import dev.meshmq.Poller.Interest;
import dev.meshmq.Poller.ReadySocket;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.RepSocket;
import dev.meshmq.ReqSocket;
import dev.meshmq.RouterSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.Worker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The Poller: a ROUTER/DEALER broker multiplexed on one thread, timeouts, closed sockets, room to send. */
class PollerTest extends MeshTestSupport {

    @Test
    void aPolledBrokerCarriesRequestsFromClientsToWorkersAndBack() throws Exception {
        Context context = newContext();
        RouterSocket frontend = context.createRouter();
        DealerSocket backend = context.createDealer();
        String front = frontend.bind(Endpoints.fresh("tcp"));
        String back = backend.bind(Endpoints.fresh("inproc"));
        AtomicBoolean running = new AtomicBoolean(true);
        Worker<Integer> broker = background("broker", () -> {
            int forwarded = 0;
            try (Poller poller = context.createPoller()) {
                poller.register(frontend, Interest.RECEIVE).register(backend, Interest.RECEIVE);
                while (running.get()) {
                    for (ReadySocket ready : poller.poll(SHORT)) {
                        if (ready.socket() == frontend) {
                            backend.send(frontend.receive());
                        } else {
                            frontend.send(backend.receive());
                        }
                        forwarded++;
                    }
                }
            }
            return forwarded;
        });
        List<Worker<Void>> workers = List.of(replier(context, back, "w1"), replier(context, back, "w2"));
        for (int client = 0; client < 3; client++) {
            try (ReqSocket req = context.createReq()) {
                req.connect(front);
                for (int i = 0; i < 10; i++) {
                    req.send("c" + client + "-" + i);
                    Message reply = req.receive(TIMEOUT).orElseThrow();
                    assertEquals("c" + client + "-" + i, reply.string(1));
                }
            }
        }
        running.set(false);
        assertEquals(60, broker.value(TIMEOUT));
        workers.forEach(worker -> worker.thread().interrupt());
    }

    private Worker<Void> replier(Context context, String endpoint, String name) {
        RepSocket rep = context.createRep();
        rep.connect(endpoint);
        return background(name, () -> {
            while (true) {
                Message request = rep.receive();
                rep.send(Message.of(name, request.string(0)));
            }
        });
    }

    @Test
    void anIdlePollTimesOutWithoutSpinningACore() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        pull.bind(Endpoints.fresh("inproc"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        try (Poller poller = context.createPoller()) {
            assertTrue(poller.register(pull, Interest.RECEIVE).poll(Duration.ofMillis(500)).isEmpty());
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1_000_000;
        assertTrue(elapsedMillis >= 480, "waited " + elapsedMillis + " ms");
        assertTrue(cpuMillis < 100, "used " + cpuMillis + " ms of CPU while idle");
    }

    @Test
    void aSocketClosedDuringPollIsReportedPromptly() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        pull.bind(Endpoints.fresh("inproc"));
        Worker<List<ReadySocket>> polling = background("poller", () -> {
            try (Poller poller = context.createPoller()) {
                return poller.register(pull, Interest.RECEIVE).poll(Duration.ofSeconds(30));
            }
        });
        polling.awaitBlocked();
        pull.close();
        List<ReadySocket> ready = polling.value(Duration.ofSeconds(2));
        assertEquals(1, ready.size());
        assertTrue(ready.get(0).closed());
    }

    @Test
    void sendReadinessFollowsTheHighWaterMark() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        pull.set(SocketOptions.RECEIVE_HWM, 2);
        PushSocket push = context.createPush();
        push.set(SocketOptions.SEND_HWM, 2);
        push.connect(pull.bind(Endpoints.fresh("inproc")));
        try (Poller poller = context.createPoller()) {
            poller.register(push, Interest.SEND);
            assertTrue(poller.poll(Duration.ZERO).get(0).sendable(), "empty pipe: sendable");
            int accepted = 0;
            while (push.trySend(Message.of("fill"))) {
                accepted++;
            }
            assertEquals(4, accepted, "inproc: SEND_HWM + RECEIVE_HWM");
            assertTrue(poller.poll(SHORT).isEmpty(), "full: not sendable");
            Worker<List<ReadySocket>> waiting = background("poll-send", () -> poller.poll(TIMEOUT));
            waiting.awaitBlocked();
            pull.receive(TIMEOUT).orElseThrow();
            pull.receive(TIMEOUT).orElseThrow();
            List<ReadySocket> ready = waiting.value(TIMEOUT);
            assertTrue(ready.get(0).sendable());
        }
    }

    @Test
    void registrationsThatCannotWorkAreRejected() {
        Context context = newContext();
        try (Poller poller = context.createPoller()) {
            assertThrows(IllegalArgumentException.class, () -> poller.register(context.createPull(), Interest.SEND));
            assertThrows(IllegalArgumentException.class, () -> poller.register(context.createPush(), Interest.RECEIVE));
            Context other = newContext();
            assertThrows(IllegalArgumentException.class, () -> poller.register(other.createPull(), Interest.RECEIVE));
        }
    }
}
