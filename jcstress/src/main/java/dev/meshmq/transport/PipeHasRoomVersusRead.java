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
 * The writer asks a full pipe (2 of 2) for room while the reader takes one message, which brings the
 * pipe to its low-water mark (1). Outcome: r1 whether the writer had room, r2 how many times its
 * listener ran, r3 whether it is still armed.
 *
 * <p>Threading: jcstress runs each actor once per state object, on two threads at once, and the
 * arbiter after both; every state object has a fresh pipe. Not final: jcstress refuses a final @State.
 */
@JCStressTest
@Outcome(id = "1, 0, 0", expect = Expect.ACCEPTABLE, desc = "The writer saw the read: room, nothing owed.")
@Outcome(id = "0, 1, 0", expect = Expect.ACCEPTABLE, desc = "Refused, then woken once by the read.")
@Outcome(expect = Expect.FORBIDDEN, desc = "A wake-up lost (an end left armed) or run twice.")
@State
public class PipeHasRoomVersusRead {

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

    /** Takes one message. */
    @Actor
    public void reader() {
        pipe.read();
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
