package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.ContextConfig;
import dev.meshmq.MeshInterruptedException;
import dev.meshmq.RepSocket;
import dev.meshmq.ReqSocket;
import dev.meshmq.patterns.core.Waiter;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.Worker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The spin wait of a context: its settings, the waiter's spin, and request-reply with and without it. */
class SpinWaitTest extends MeshTestSupport {

    @Test
    void spinWaitIsValidatedAndDefaultsToFiftyMicroseconds() {
        ContextConfig defaults = ContextConfig.defaults();
        assertEquals(Duration.ofNanos(50_000), defaults.spinWait());
        assertEquals(Duration.ZERO, defaults.withSpinWait(Duration.ZERO).spinWait());
        assertEquals(ContextConfig.MAX_SPIN_WAIT, defaults.withSpinWait(ContextConfig.MAX_SPIN_WAIT).spinWait());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> defaults.withSpinWait(Duration.ofNanos(-1)));
        assertTrue(negative.getMessage().contains("spinWait"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> defaults.withSpinWait(Duration.ofMillis(11)));
        assertEquals(3, defaults.withSpinWait(Duration.ZERO).withIoThreads(3).ioThreads());
        assertEquals(Duration.ZERO, defaults.withSpinWait(Duration.ZERO).withIoThreads(3).spinWait(),
                "changing one setting keeps the other");
    }

    @Test
    void aSpinningWaiterSeesWorkThatArrivesWithoutParking() {
        Waiter waiter = new Waiter(Duration.ofSeconds(5).toNanos());
        AtomicInteger checks = new AtomicInteger();
        waiter.await(Long.MAX_VALUE, () -> checks.incrementAndGet() >= 1000);
        assertEquals(1000, checks.get(), "checked again and again, and returned when ready");
    }

    @Test
    void withoutSpinTheWaiterChecksOnceAndParks() {
        Waiter waiter = new Waiter(0);
        AtomicInteger checks = new AtomicInteger();
        waiter.await(System.nanoTime() + Duration.ofMillis(20).toNanos(), () -> checks.incrementAndGet() < 0);
        assertEquals(1, checks.get(), "one check after announcing the wait, then parked until the deadline");
    }

    @Test
    void theSpinEndsAtTheDeadlineAndOnInterrupt() {
        Waiter waiter = new Waiter(ContextConfig.MAX_SPIN_WAIT.toNanos() * 100);
        long start = System.nanoTime();
        waiter.await(start + Duration.ofMillis(5).toNanos(), () -> false);
        assertTrue(System.nanoTime() - start < Duration.ofMillis(500).toNanos(), "the deadline bounds the spin");
        Thread.currentThread().interrupt();
        try {
            assertThrows(MeshInterruptedException.class, () -> waiter.await(Long.MAX_VALUE, () -> false));
        } finally {
            Thread.interrupted();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void requestReplyWorksWithAndWithoutSpinning(String transport) {
        for (Duration spin : new Duration[] {Duration.ZERO, ContextConfig.DEFAULT_SPIN_WAIT}) {
            Context context = newContext(ContextConfig.defaults().withSpinWait(spin));
            RepSocket rep = context.createRep();
            ReqSocket req = context.createReq();
            req.connect(rep.bind(Endpoints.fresh(transport)));
            Worker<Integer> echo = background("echo", () -> {
                for (int i = 0; i < 200; i++) {
                    rep.send(rep.receive(TIMEOUT).orElseThrow());
                }
                return 200;
            });
            for (int i = 0; i < 200; i++) {
                req.send("ping " + i);
                assertEquals("ping " + i, req.receive(TIMEOUT).orElseThrow().string(0), "spin " + spin);
            }
            assertEquals(200, echo.value(TIMEOUT));
        }
    }
}
