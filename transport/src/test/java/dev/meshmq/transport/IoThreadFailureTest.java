package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 1: an Error from one connection's code must not end the I/O thread. Before this
 * change only RuntimeException was caught, so an OutOfMemoryError or a StackOverflowError from a
 * handler or a task ended the thread, closed every channel, and left blocked callers waiting forever.
 */
class IoThreadFailureTest {

    private IoThread io;

    @BeforeEach
    void start() {
        io = new IoThread("test-io", NanoClock.SYSTEM, 0);
    }

    @AfterEach
    void stop() {
        io.shutdown(2000);
    }

    @Test
    void anErrorFromATaskLeavesTheThreadRunning() throws InterruptedException {
        io.execute(() -> {
            throw new OutOfMemoryError("simulated: Cannot reserve 65536 bytes of direct buffer memory");
        });
        CountDownLatch after = new CountDownLatch(1);
        io.execute(after::countDown);
        assertTrue(after.await(5, TimeUnit.SECONDS), "a task posted after the failing one never ran");
        assertNull(io.failure());
    }

    @Test
    void anErrorFromATimerLeavesTheThreadRunning() throws InterruptedException {
        CountDownLatch after = new CountDownLatch(1);
        io.execute(() -> {
            io.schedule(0, () -> {
                throw new StackOverflowError("simulated");
            });
            io.schedule(1_000_000, after::countDown);
        });
        assertTrue(after.await(5, TimeUnit.SECONDS), "a timer due after the failing one never ran");
    }

    @Test
    void anErrorFromAHandlerClosesThatHandlerOnlyAndTellsItWhy() throws Exception {
        Pipe failing = Pipe.open();
        Pipe healthy = Pipe.open();
        AtomicReference<Throwable> told = new AtomicReference<>();
        CountDownLatch failed = new CountDownLatch(1);
        CountDownLatch healthyRead = new CountDownLatch(1);
        io.execute(() -> {
            try {
                failing.source().configureBlocking(false);
                healthy.source().configureBlocking(false);
                io.register(failing.source(), SelectionKey.OP_READ, new IoHandler() {
                    @Override
                    public void onSelected(SelectionKey key) {
                        throw new OutOfMemoryError("simulated");
                    }

                    @Override
                    public void onFailure(Throwable failure) {
                        told.set(failure);
                        closeQuietly(failing);
                        failed.countDown();
                    }
                });
                io.register(healthy.source(), SelectionKey.OP_READ, new IoHandler() {
                    @Override
                    public void onSelected(SelectionKey key) {
                        healthyRead.countDown();
                        key.cancel();
                    }

                    @Override
                    public void onFailure(Throwable failure) {
                        throw new AssertionError(failure);
                    }
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        failing.sink().write(ByteBuffer.wrap(new byte[] {1}));
        assertTrue(failed.await(5, TimeUnit.SECONDS), "the failing handler was not told");
        assertEquals(OutOfMemoryError.class, told.get().getClass());
        healthy.sink().write(ByteBuffer.wrap(new byte[] {1}));
        assertTrue(healthyRead.await(5, TimeUnit.SECONDS), "the other handler was not served any more");
        assertNull(io.failure());
        closeQuietly(healthy);
    }

    @Test
    void aThreadThatDiesAnywaySaysWhyAndTellsItsListener() throws Exception {
        CountDownLatch told = new CountDownLatch(1);
        AtomicReference<Throwable> cause = new AtomicReference<>();
        io.onDeath(failure -> {
            cause.set(failure);
            told.countDown();
        });
        // the one thing outside every guard: the selector itself failing under the loop
        java.lang.reflect.Field selector = IoThread.class.getDeclaredField("selector");
        selector.setAccessible(true);
        ((java.nio.channels.Selector) selector.get(io)).close();
        io.execute(() -> { });
        assertTrue(told.await(5, TimeUnit.SECONDS), "the death listener was not told");
        assertEquals(cause.get(), io.failure());
        assertTrue(cause.get() instanceof java.nio.channels.ClosedSelectorException, String.valueOf(cause.get()));
    }

    private static void closeQuietly(Pipe pipe) {
        try {
            pipe.source().close();
            pipe.sink().close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
