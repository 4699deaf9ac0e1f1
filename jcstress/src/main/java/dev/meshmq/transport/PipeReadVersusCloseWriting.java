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
 * The reader reads an empty pipe while the writer closes its end. Outcome: r1 whether the read got a
 * message (never), r2 how many times the reader's listener ran, r3 whether the reader is still armed.
 * Before the fix, a read that armed after the close was left armed on a closed pipe: {@code 0, 0, 1}.
 *
 * <p>Threading: jcstress runs each actor once per state object, on two threads at once, and the
 * arbiter after both; every state object has a fresh pipe. Not final: jcstress refuses a final @State.
 */
@JCStressTest
@Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE, desc = "The read saw the close before arming: no wake-up.")
@Outcome(id = "0, 1, 0", expect = Expect.ACCEPTABLE, desc = "Empty, then woken once (by the close or by itself).")
@Outcome(expect = Expect.FORBIDDEN, desc = "A wake-up lost (an end left armed) or run twice.")
@State
public class PipeReadVersusCloseWriting {

    private final CountingListeners listeners = new CountingListeners();
    private final Pipe pipe = listeners.emptyPipe(0);

    /**
     * The reader reads.
     *
     * @param r r1 of the outcome
     */
    @Actor
    public void reader(III_Result r) {
        r.r1 = bit(pipe.read() != null);
    }

    /** Closes the writing end. */
    @Actor
    public void closer() {
        pipe.closeWriting();
    }

    /**
     * Records the listener calls and whether the end is still armed.
     *
     * @param r r2 and r3 of the outcome
     */
    @Arbiter
    public void arbiter(III_Result r) {
        r.r2 = listeners.readableCount();
        r.r3 = bit(pipe.isReaderArmed());
    }
}
