package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Message;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PipeTest {

    @Test
    void refusesAtTheHighWaterMarkAndWakesTheWriterAtTheLowWaterMark() {
        Pipe pipe = new Pipe(4);
        AtomicInteger writerWakeups = new AtomicInteger();
        pipe.registerWriter(writerWakeups::incrementAndGet);
        for (int i = 0; i < 4; i++) {
            assertTrue(pipe.write(Message.of("m" + i)));
        }
        assertFalse(pipe.write(Message.of("refused")));
        assertTrue(pipe.isFull());
        pipe.read();
        assertEquals(0, writerWakeups.get(), "3 queued is above the low-water mark of 2");
        pipe.read();
        assertEquals(1, writerWakeups.get(), "woken once at the low-water mark");
        pipe.read();
        assertEquals(1, writerWakeups.get(), "woken only on the transition");
        assertTrue(pipe.write(Message.of("accepted")));
    }

    @Test
    void aFullPipeStaysFullForTheWriterUntilTheLowWaterMark() {
        Pipe pipe = new Pipe(4);
        for (int i = 0; i < 4; i++) {
            assertTrue(pipe.write(Message.of("m" + i)));
        }
        assertFalse(pipe.hasRoomOrWatch());
        assertEquals("m0", pipe.read().string(0));
        assertFalse(pipe.isFull(), "3 of 4 queued");
        assertFalse(pipe.write(Message.of("refused")), "above the low-water mark the writer still waits");
        assertFalse(pipe.hasRoomOrWatch(), "a poller sees what a write would see");
        assertEquals("m1", pipe.read().string(0));
        assertTrue(pipe.hasRoomOrWatch());
        assertTrue(pipe.write(Message.of("m4")));
        assertTrue(pipe.write(Message.of("m5")));
        assertFalse(pipe.write(Message.of("refused again")));
        for (int i = 2; i < 6; i++) {
            assertEquals("m" + i, pipe.read().string(0), "nothing refused was queued");
        }
        assertNull(pipe.read());
    }

    @Test
    void aHeldReaderWakeupRunsOnceWhenTheWriterReleasesIt() {
        Pipe pipe = new Pipe(0);
        AtomicInteger readerWakeups = new AtomicInteger();
        pipe.registerReader(readerWakeups::incrementAndGet);
        assertNull(pipe.read(), "the reader waits");
        for (int i = 0; i < 100; i++) {
            assertTrue(pipe.writeHoldingWakeup(Message.of("m" + i)));
        }
        assertEquals(0, readerWakeups.get(), "held for the whole batch");
        pipe.releaseWakeup();
        assertEquals(1, readerWakeups.get(), "one wake-up for the batch");
        pipe.releaseWakeup();
        assertEquals(1, readerWakeups.get(), "nothing more was owed");
        assertTrue(pipe.writeHoldingWakeup(Message.of("while awake")));
        pipe.releaseWakeup();
        assertEquals(1, readerWakeups.get(), "a reader that never went back to sleep is not woken");
        for (int i = 0; i < 101; i++) {
            assertEquals(i < 100 ? "m" + i : "while awake", pipe.read().string(0));
        }
    }

    @Test
    void wakesTheReaderOnlyWhenItFoundThePipeEmpty() {
        Pipe pipe = new Pipe(0);
        AtomicInteger readerWakeups = new AtomicInteger();
        pipe.registerReader(readerWakeups::incrementAndGet);
        pipe.write(Message.of("a"));
        assertEquals(0, readerWakeups.get(), "the reader never said it was waiting");
        pipe.read();
        assertNull(pipe.read());
        pipe.write(Message.of("b"));
        pipe.write(Message.of("c"));
        assertEquals(1, readerWakeups.get(), "one wake-up for the empty-to-non-empty transition");
    }

    @Test
    void aConflatingPipeHoldsOnlyTheNewestAndWakesTheReaderOnce() {
        Pipe pipe = Pipe.conflating();
        pipe.setHighWaterMark(1);
        AtomicInteger readerWakeups = new AtomicInteger();
        pipe.registerReader(readerWakeups::incrementAndGet);
        assertNull(pipe.read());
        for (int i = 0; i < 10_000; i++) {
            assertTrue(pipe.write(Message.of("m" + i)), "a conflating pipe never refuses");
        }
        assertEquals(1, readerWakeups.get(), "woken once, on the first message");
        assertEquals("m9999", pipe.read().string(0));
        assertNull(pipe.read());
        pipe.closeWriting();
        assertTrue(pipe.isDrainedAndClosed());
    }

    @Test
    void zeroHighWaterMarkNeverRefuses() {
        Pipe pipe = new Pipe(0);
        for (int i = 0; i < 100_000; i++) {
            assertTrue(pipe.write(Message.of("m")));
        }
        assertEquals(100_000, pipe.size());
    }

    @Test
    void closedWritingIsSeenOnceDrained() {
        Pipe pipe = new Pipe(10);
        Message message = Message.of("last");
        pipe.write(message);
        pipe.closeWriting();
        assertFalse(pipe.isDrainedAndClosed());
        assertSame(message, pipe.read());
        assertNull(pipe.read());
        assertTrue(pipe.isDrainedAndClosed());
    }

    @Test
    void writesAfterTheReaderClosedAreRefusedSoTheWriterMovesOn() {
        Pipe pipe = new Pipe(10);
        assertTrue(pipe.write(Message.of("a")));
        pipe.closeReading();
        assertFalse(pipe.write(Message.of("b")));
        assertTrue(pipe.isReaderClosed());
    }

    @Test
    void eachEndTakesOneListener() {
        Pipe pipe = new Pipe(4);
        pipe.registerReader(() -> { });
        pipe.registerWriter(() -> { });
        assertThrows(IllegalStateException.class, () -> pipe.registerReader(() -> { }));
        assertThrows(IllegalStateException.class, () -> pipe.registerWriter(() -> { }));
    }

    @Test
    void aRaiseThatLeavesRoomWakesARefusedWriterOnce() {
        Pipe pipe = new Pipe(2);
        AtomicInteger writerWakeups = new AtomicInteger();
        pipe.registerWriter(writerWakeups::incrementAndGet);
        assertTrue(pipe.write(Message.of("a")));
        assertTrue(pipe.write(Message.of("b")));
        assertFalse(pipe.write(Message.of("refused")));
        pipe.setHighWaterMark(2);
        assertEquals(0, writerWakeups.get(), "the same mark leaves no room");
        pipe.setHighWaterMark(3);
        assertEquals(1, writerWakeups.get());
        pipe.setHighWaterMark(4);
        assertEquals(1, writerWakeups.get(), "nothing more was owed");
        assertFalse(pipe.isWriterArmed());
        assertTrue(pipe.write(Message.of("c")));
    }

    @Test
    void closeReadingWakesAnArmedWriterOnceAndALaterRefusalArmsNothing() {
        Pipe pipe = new Pipe(1);
        AtomicInteger writerWakeups = new AtomicInteger();
        pipe.registerWriter(writerWakeups::incrementAndGet);
        assertTrue(pipe.write(Message.of("a")));
        assertFalse(pipe.hasRoomOrWatch());
        assertTrue(pipe.isWriterArmed());
        pipe.closeReading();
        assertEquals(1, writerWakeups.get());
        assertFalse(pipe.write(Message.of("b")));
        assertFalse(pipe.hasRoom());
        assertFalse(pipe.isWriterArmed(), "a writer that saw the close waits for nothing");
        assertEquals(1, writerWakeups.get());
    }

    @Test
    void closeWritingWakesAnArmedReaderOnceAndADrainedClosedPipeArmsNothing() {
        Pipe pipe = new Pipe(0);
        AtomicInteger readerWakeups = new AtomicInteger();
        pipe.registerReader(readerWakeups::incrementAndGet);
        assertNull(pipe.read());
        assertTrue(pipe.isReaderArmed());
        pipe.closeWriting();
        assertEquals(1, readerWakeups.get());
        assertNull(pipe.read());
        assertFalse(pipe.isReaderArmed());
        assertTrue(pipe.isDrainedAndClosed());
        assertEquals(1, readerWakeups.get());
    }

    /** Two threads, a tiny HWM, both sides parking: a lost wake-up would hang and hit the timeout. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void stressNoLostWakeupsAndStrictOrder() throws InterruptedException {
        int count = 1_000_000;
        Pipe pipe = new Pipe(8);
        AtomicReference<Thread> reader = new AtomicReference<>();
        AtomicReference<Thread> writer = new AtomicReference<>();
        pipe.registerReader(() -> LockSupport.unpark(reader.get()));
        pipe.registerWriter(() -> LockSupport.unpark(writer.get()));
        Message[] messages = new Message[64];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = Message.of(new byte[] {(byte) i});
        }
        AtomicReference<String> failure = new AtomicReference<>();
        Thread readerThread = new Thread(() -> {
            for (int i = 0; i < count; i++) {
                Message message;
                while ((message = pipe.read()) == null) {
                    LockSupport.park();
                }
                if (message != messages[i % messages.length] && failure.get() == null) {
                    failure.set("message " + i + " out of order");
                }
            }
        });
        Thread writerThread = new Thread(() -> {
            for (int i = 0; i < count; i++) {
                while (!pipe.write(messages[i % messages.length])) {
                    LockSupport.park();
                }
            }
        });
        reader.set(readerThread);
        writer.set(writerThread);
        readerThread.start();
        writerThread.start();
        writerThread.join();
        readerThread.join();
        assertNull(failure.get());
        assertEquals(0, pipe.size());
    }
}
