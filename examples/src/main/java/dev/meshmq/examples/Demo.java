package dev.meshmq.examples;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PairSocket;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The demo the README runs: moves real messages between PUSH/PULL and PAIR sockets over tcp and
 * inproc, and prints what it did.
 *
 * <p>Thread-safety: a program; {@link #run} uses one extra thread for the pipeline's producer.
 */
public final class Demo {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int PIPELINE_MESSAGES = 200_000;

    private Demo() {
    }

    /**
     * Runs the demo.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Runs the demo, printing to {@code out}.
     *
     * @param out where the report goes
     */
    public static void run(PrintStream out) {
        try (Context context = Context.create()) {
            out.println("MeshMQ demo");
            pipeline(context, "tcp://127.0.0.1:*", out);
            pipeline(context, "inproc://demo-pipeline", out);
            pair(context, "tcp://127.0.0.1:*", out);
            pair(context, "inproc://demo-pair", out);
            out.println("done");
        }
    }

    private static void pipeline(Context context, String bindTo, PrintStream out) {
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            String endpoint = pull.bind(bindTo);
            push.connect(endpoint);
            long start = System.nanoTime();
            Thread producer = new Thread(() -> {
                for (int i = 0; i < PIPELINE_MESSAGES; i++) {
                    push.send(Message.of("job", Integer.toString(i)));
                }
            }, "demo-producer");
            producer.start();
            long checksum = 0;
            for (int i = 0; i < PIPELINE_MESSAGES; i++) {
                Message message = pull.receive(TIMEOUT)
                        .orElseThrow(() -> new IllegalStateException("no message within " + TIMEOUT));
                checksum += Integer.parseInt(message.string(1));
            }
            join(producer);
            double seconds = (System.nanoTime() - start) / 1e9;
            long expected = (long) PIPELINE_MESSAGES * (PIPELINE_MESSAGES - 1) / 2;
            out.printf("PUSH -> PULL over %s: %,d two-part messages in %.2f s (%,.0f msg/s), checksum %s%n",
                    endpoint, PIPELINE_MESSAGES, seconds, PIPELINE_MESSAGES / seconds,
                    checksum == expected ? "ok" : "WRONG");
        }
    }

    private static void pair(Context context, String bindTo, PrintStream out) {
        try (PairSocket left = context.createPair(); PairSocket right = context.createPair()) {
            String endpoint = left.bind(bindTo);
            right.connect(endpoint);
            right.send("ping");
            String request = left.receive(TIMEOUT).orElseThrow().string(0);
            left.send(request.replace('i', 'o'));
            String reply = right.receive(TIMEOUT).orElseThrow().string(0);
            out.printf("PAIR <-> PAIR over %s: sent \"%s\", got back \"%s\"%n", endpoint, request, reply);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
