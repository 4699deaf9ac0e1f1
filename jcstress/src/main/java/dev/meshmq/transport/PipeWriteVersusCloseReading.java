package dev.meshmq.transport;

import static dev.meshmq.transport.CountingListeners.bit;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The writer writes to a full pipe (2 of 2) while the reader closes its end. Outcome: r1 whether the
 * write was accepted, r2 how many times the writer's listener ran, r3 whether the writer is still armed.
 * Before the fix, a close between the write's test of the closed flag and its arming left the writer
 * armed on a dead pipe: {@code 0, 0, 1}.
 *
 * <p>Threading: jcstress runs each actor once per state object, on two threads at once, and the
 * arbiter after both; every state object has a fresh pipe. Not final: jcstress refuses a final @State.
 */
@JCStressTest
@Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE, desc = "The write saw the close before arming: no wake-up.")
@Outcome(id = "0, 1, 0", expect = Expect.ACCEPTABLE, desc = "Refused, then woken once (by the close or by itself).")
@Outcome(expect = Expect.FORBIDDEN, desc = "A wake-up lost (an end left armed) or run twice.")
@State
public class PipeWriteVersusCloseReading {

    private final CountingListeners listeners = new CountingListeners();
    private final Pipe pipe = listeners.fullPipe();

    /**
     * The writer writes one more message.
     *
     * @param r r1 of the outcome
     */
    @Actor
    public void writer(III_Result r) {
        r.r1 = bit(pipe.write(CountingListeners.MESSAGE));
    }

    /** Closes the reading end. */
    @Actor
    public void closer() {
        pipe.closeReading();
    }

    /**
     * Records the listener calls and whether the end is still armed.
     *
     * @param r r2 and r3 of the outcome
     */
    @Arbiter
    public void arbiter(III_Result r) {
        r.r2 = listeners.writableCount();
        r.r3 = bit(pipe.isWriterArmed());
    }
}
