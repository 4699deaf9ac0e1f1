package dev.meshmq.examples.cli;

import dev.meshmq.PubSocket;
import dev.meshmq.RadioSocket;
import dev.meshmq.Socket;
import java.io.PrintStream;

/**
 * What {@code send --type PUB} (or XPUB, or RADIO) says about the message copies it dropped because a
 * subscriber's queue was at its high-water mark: libzmq drops them silently, and a shell user would
 * otherwise believe everything arrived.
 *
 * <p>Thread-safety: stateless.
 */
final class PublisherDrops {

    private PublisherDrops() {
    }

    /** Returns the copies {@code socket} dropped so far; 0 for a socket that is not a PUB, XPUB or RADIO. */
    static long dropped(Socket socket) {
        if (socket instanceof RadioSocket radio) {
            return radio.publisherStatistics().messagesDropped();
        }
        return socket instanceof PubSocket pub ? pub.publisherStatistics().messagesDropped() : 0;
    }

    /** Describes {@code dropped} copies. */
    static String note(long dropped) {
        return dropped + " message copies dropped at subscribers' high-water marks (SEND_HWM)";
    }

    /**
     * Reports drops on {@code err}, and fails unless they are allowed.
     *
     * @param dropped the copies dropped
     * @param allowed whether drops are acceptable (then only the note is written)
     * @param err standard error
     * @throws IllegalStateException if copies were dropped and drops are not allowed
     */
    static void report(long dropped, boolean allowed, PrintStream err) {
        if (dropped == 0) {
            return;
        }
        String note = note(dropped);
        if (!allowed) {
            throw new IllegalStateException(note + "; pass --allow-drops to accept drops");
        }
        err.println("note: " + note);
        err.flush();
    }
}
