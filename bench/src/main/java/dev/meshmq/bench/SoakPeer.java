package dev.meshmq.bench;

import dev.meshmq.Context;
import dev.meshmq.ContextConfig;
import dev.meshmq.Message;
import dev.meshmq.PullSocket;
import dev.meshmq.SocketOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiving side of a soak ({@link SoakBench}), in a child JVM that lives across rounds. Each round
 * arrives as one request line on the control channel:
 * {@code ROUND <round> <endpoint> <size> <hwm> <spin 0|1> <count>} (or a crash round's TAIL, see
 * {@code receiveTail}). The peer opens a fresh context
 * (spin wait on or off), connects a PULL with that receive high-water mark, receives {@code count}
 * messages checking each one's size and content ({@link SoakPayload}: order and completeness), closes
 * everything and prints {@code SOAKED <round> <received> OK} or {@code SOAKED <round> <received> BAD
 * <first problem>}. A missing message makes the round hang, which the parent's watchdog reports with
 * thread dumps of both JVMs.
 *
 * <p>Thread-safety: runs on the peer's main thread; the control thread answers thread-dump requests.
 */
final class SoakPeer {

    static final String ROUND = "ROUND";
    static final String TAIL = "TAIL";
    static final String REPORT = "SOAKED";

    private SoakPeer() {
    }

    static void run(PeerControl control, PrintStream out) {
        while (true) {
            String request = control.nextRequest();
            if (PeerControl.EXIT.equals(request)) {
                return;
            }
            String[] words = request.split(" ");
            boolean round = words.length == 7 && ROUND.equals(words[0]);
            if (!round && !(words.length == 8 && TAIL.equals(words[0]))) {
                throw new BenchFailure("soak peer: malformed request '" + request + "'");
            }
            out.println(round ? receiveRound(words) : receiveTail(words));
            out.flush();
        }
    }

    private static String receiveRound(String[] words) {
        String round = words[1];
        String endpoint = words[2];
        int size = Integer.parseInt(words[3]);
        int hwm = Integer.parseInt(words[4]);
        boolean spin = "1".equals(words[5]);
        long count = Long.parseLong(words[6]);
        long received = 0;
        String problem = null;
        try (Context context = Context.create(config(spin))) {
            PullSocket pull = context.createPull();
            pull.set(SocketOptions.RECEIVE_HWM, hwm);
            pull.connect(endpoint);
            AtomicLong progress = new AtomicLong();
            PeerControl.describeWith(() -> "peer round " + round + ": received " + progress.get() + " of " + count
                    + "; peer statistics: " + pull.statistics());
            for (long seq = 0; seq < count; seq++) {
                Message message = pull.receive();
                received++;
                progress.lazySet(received);
                if (problem == null) {
                    problem = SoakPayload.check(message, seq, size);
                    if (problem != null) {
                        System.err.println("meshmq-bench soak peer: round " + round + ": " + problem);
                    }
                }
            }
            pull.close();
        } catch (RuntimeException e) {
            problem = "receiving failed after " + received + " messages: " + e;
        }
        return REPORT + " " + round + " " + received + (problem == null ? " OK" : " BAD " + problem);
    }

    /**
     * A crash round's receiver ({@link CrashRound}), request
     * {@code TAIL <round> <endpoint> <size> <hwm> <spin 0|1> <from> <last>}: receives until message
     * {@code last}, each one a valid soak message with a higher number than the one before (a repeat or a
     * step back is a failure), and reports {@code SOAKED <round> <received> OK <missing> <first>}, where
     * missing counts the numbers from {@code from} to {@code last} that did not arrive and first is the
     * first number from {@code from} on that did.
     */
    private static String receiveTail(String[] words) {
        String round = words[1];
        int size = Integer.parseInt(words[3]);
        long from = Long.parseLong(words[6]);
        long last = Long.parseLong(words[7]);
        long received = 0;
        long fromOn = 0;
        long first = -1;
        long previous = -1;
        String problem = null;
        try (Context context = Context.create(config("1".equals(words[5])))) {
            PullSocket pull = context.createPull();
            pull.set(SocketOptions.RECEIVE_HWM, Integer.parseInt(words[4]));
            pull.connect(words[2]);
            while (previous < last && problem == null) {
                Message message = pull.receive();
                received++;
                long seq = SoakPayload.sequence(message.frame(0));
                problem = seq <= previous ? "message " + seq + " after message " + previous
                        : SoakPayload.check(message, seq, size);
                previous = seq;
                fromOn += seq >= from ? 1 : 0;
                first = first < 0 && seq >= from ? seq : first;
            }
            pull.close();
        } catch (RuntimeException e) {
            problem = "receiving failed after " + received + " messages: " + e;
        }
        return REPORT + " " + round + " " + received
                + (problem == null ? " OK " + (last - from + 1 - fromOn) + " " + first : " BAD " + problem);
    }

    static ContextConfig config(boolean spin) {
        return ContextConfig.defaults().withSpinWait(spin ? ContextConfig.DEFAULT_SPIN_WAIT : Duration.ZERO);
    }
}
