package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshmq.Message;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Races each of {@link Pipe}'s wake-up arming paths against the call from another thread that should
 * wake it, many times over, and fails on any round that leaves an end waiting for a wake-up nobody
 * owes it, or that runs one wake-up twice. See the package documentation for the contract.
 *
 * <p>Threading: each test drives one {@link RaceHarness}; every round has a fresh pipe.
 */
class PipeWakeupRaceTest {

    private static final long ROUNDS = 200_000;
    private static final long BUDGET_MILLIS = 8_000;
    private static final Message MESSAGE = Message.of("m");

    /** The writer, refused by a full pipe, races a raise of the high-water mark. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRaiseOfTheHighWaterMarkNeverStrandsARefusedWriter() throws InterruptedException {
        assertNoProblems(new RaceHarness().run(RaiseRound::new, ROUNDS, BUDGET_MILLIS));
    }

    /** The writer, refused by a full pipe, races the reader closing its end. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void closeReadingNeverLeavesTheWriterArmedOnADeadPipe() throws InterruptedException {
        assertNoProblems(new RaceHarness().run(CloseReadingRound::new, ROUNDS, BUDGET_MILLIS));
    }

    /** The reader, finding the pipe empty, races the writer closing its end. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void closeWritingNeverLeavesTheReaderArmedOnAClosedPipe() throws InterruptedException {
        assertNoProblems(new RaceHarness().run(CloseWritingRound::new, ROUNDS, BUDGET_MILLIS));
    }

    private static void assertNoProblems(RaceHarness.Outcome outcome) {
        System.out.println(outcome.rounds() + " rounds, " + outcome.problemCount() + " went wrong");
        assertEquals(0, outcome.problemCount(),
                outcome.problemCount() + " of " + outcome.rounds() + " rounds went wrong: " + outcome.problems());
    }

    /** A full pipe (2 of 2); the writer asks for room while another thread raises the mark to 1000. */
    private static final class RaiseRound implements RaceHarness.Round {
        private final Pipe pipe = new Pipe(2);
        private final AtomicInteger wakeups = new AtomicInteger();
        private boolean refused;

        RaiseRound() {
            pipe.registerWriter(wakeups::incrementAndGet);
            pipe.write(MESSAGE);
            pipe.write(MESSAGE);
        }

        @Override
        public void first() {
            refused = !pipe.hasRoom();
        }

        @Override
        public void second() {
            pipe.setHighWaterMark(1000);
        }

        @Override
        public String check() {
            int woken = wakeups.get();
            if (refused && woken == 0) {
                return "refused with room under the raised mark, and no wake-up ran or is owed";
            }
            return woken > (refused ? 1 : 0) ? "refused=" + refused + " but " + woken + " wake-ups" : null;
        }
    }

    /** A full pipe; the writer writes while another thread closes the reading end. */
    private static final class CloseReadingRound implements RaceHarness.Round {
        private final Pipe pipe = new Pipe(2);
        private final AtomicInteger wakeups = new AtomicInteger();

        CloseReadingRound() {
            pipe.registerWriter(wakeups::incrementAndGet);
            pipe.write(MESSAGE);
            pipe.write(MESSAGE);
        }

        @Override
        public void first() {
            pipe.write(MESSAGE);
        }

        @Override
        public void second() {
            pipe.closeReading();
        }

        @Override
        public String check() {
            if (pipe.isWriterArmed()) {
                return "the writer is armed on a pipe whose reader closed; wake-ups: " + wakeups.get();
            }
            return wakeups.get() > 1 ? wakeups.get() + " wake-ups for one refusal" : null;
        }
    }

    /** An empty pipe; the reader reads while another thread closes the writing end. */
    private static final class CloseWritingRound implements RaceHarness.Round {
        private final Pipe pipe = new Pipe(2);
        private final AtomicInteger wakeups = new AtomicInteger();

        CloseWritingRound() {
            pipe.registerReader(wakeups::incrementAndGet);
        }

        @Override
        public void first() {
            pipe.read();
        }

        @Override
        public void second() {
            pipe.closeWriting();
        }

        @Override
        public String check() {
            if (pipe.isReaderArmed()) {
                return "the reader is armed on a pipe whose writer closed; wake-ups: " + wakeups.get();
            }
            return wakeups.get() > 1 ? wakeups.get() + " wake-ups for one empty read" : null;
        }
    }
}
