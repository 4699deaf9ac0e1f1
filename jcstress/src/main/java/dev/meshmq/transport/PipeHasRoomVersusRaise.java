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
 * The writer asks a full pipe (2 of 2) for room while another thread raises the high-water mark to
 * 4. Outcome: r1 whether the writer had room, r2 how many times its listener ran, r3 whether it is still
 * armed. Before the fix, a raise that looked at the writer's flag before the arming was missed by a
 * writer that re-checked against the mark it had read on entry: {@code 0, 0, 1}.
 *
 * <p>Threading: jcstress runs each actor once per state object, on two threads at once, and the
 * arbiter after both; every state object has a fresh pipe. Not final: jcstress refuses a final @State.
 */
@JCStressTest
@Outcome(id = "1, 0, 0", expect = Expect.ACCEPTABLE, desc = "The writer saw the raise: room, nothing owed.")
@Outcome(id = "0, 1, 0", expect = Expect.ACCEPTABLE, desc = "Refused, then woken once by the raise.")
@Outcome(expect = Expect.FORBIDDEN, desc = "A wake-up lost (an end left armed) or run twice.")
@State
public class PipeHasRoomVersusRaise {

    private final CountingListeners listeners = new CountingListeners();
    private final Pipe pipe = listeners.fullPipe();

    /**
     * The writer asks for room.
     *
     * @param r r1 of the outcome
     */
    @Actor
    public void writer(III_Result r) {
        r.r1 = bit(pipe.hasRoom());
    }

    /** Raises the mark so that the pipe has room. */
    @Actor
    public void raiser() {
        pipe.setHighWaterMark(4);
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
