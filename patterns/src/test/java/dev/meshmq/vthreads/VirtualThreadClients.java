package dev.meshmq.vthreads;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.ReqSocket;
import dev.meshmq.RouterSocket;
import dev.meshmq.SocketOptions;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The child JVM of {@link VirtualThreadsTest}, run on JDK 21 or later though compiled for 17: one
 * broker (a ROUTER on a platform thread) answers N REQ sockets, each created, used and closed by a
 * virtual thread of its own, while a JFR recording of {@code jdk.VirtualThreadPinned} (threshold 0)
 * runs. A warm-up round of 200 clients (half tcp, half inproc) runs first, outside the recording, so
 * that the pins of class initialisation on first use (which no library can avoid) are not counted.
 * Prints {@code key=value}
 * lines for the test to check.
 *
 * <p>Thread-safety: main thread, the broker's thread and the virtual threads share only atomics.
 */
public final class VirtualThreadClients {

    /** Clients that connect over tcp; the rest use inproc (each tcp client costs this JVM two descriptors). */
    private static final int TCP_CLIENTS = 3_000;

    private VirtualThreadClients() {
    }

    /**
     * Runs the clients.
     *
     * @param args the number of clients, the file to dump the recording to, and optionally the number of
     *     warm-up clients (200; 0 shows the pins of class initialisation)
     * @throws Exception if anything fails; the test sees a non-zero exit and the trace
     */
    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(args[0]);
        Path recordingFile = Path.of(args[1]);
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        try (Context context = Context.create(); RouterSocket broker = context.createRouter()) {
            broker.set(SocketOptions.BACKLOG, 4_096);
            broker.set(SocketOptions.SEND_HWM, 0);
            broker.set(SocketOptions.RECEIVE_HWM, 0);
            String tcp = broker.bind("tcp://127.0.0.1:*");
            String inproc = broker.bind("inproc://vthreads-broker");
            AtomicInteger echoed = new AtomicInteger();
            Thread brokerThread = new Thread(() -> serve(broker, echoed), "broker");
            brokerThread.setDaemon(true);
            brokerThread.start();

            System.out.println("warmup=" + (warmup == 0 ? 0 : runClients(context, warmup, tcp, inproc).answered));
            Recording recording = new Recording();
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            Outcome outcome = runClients(context, clients, tcp, inproc);
            pinOnPurpose();
            recording.stop();
            recording.dump(recordingFile);
            recording.close();
            System.out.println("answered=" + outcome.answered);
            System.out.println("virtual=" + outcome.virtual);
            System.out.println("millis=" + outcome.millis);
            System.out.println("failure=" + outcome.failure);
            List<RecordedEvent> pins = RecordingFile.readAllEvents(recordingFile).stream()
                    .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned"))
                    .collect(java.util.stream.Collectors.toList());
            long control = pins.stream().filter(VirtualThreadClients::isControl).count();
            System.out.println("control-pinned=" + control);
            System.out.println("pinned=" + (pins.size() - control));
            pins.stream().filter(pin -> !isControl(pin)).limit(5).forEach(VirtualThreadClients::printPin);
        }
        System.out.println("done");
    }

    /**
     * The control: a virtual thread that parks inside a class's static initialiser pins its carrier, so
     * the recording must show at least this one pin, or it proves nothing.
     */
    private static void pinOnPurpose() throws Exception {
        Thread thread = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class)
                .invoke(null, (Runnable) ParksInItsInitialiser::touch);
        thread.join();
    }

    private static boolean isControl(RecordedEvent pin) {
        return pin.getStackTrace() != null && pin.getStackTrace().getFrames().stream()
                .anyMatch(frame -> frame.getMethod().getType().getName().endsWith("ParksInItsInitialiser"));
    }

    /** Parks for 20 ms while being initialised. */
    private static final class ParksInItsInitialiser {
        static {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }

        static void touch() {
            // initialising the class is the point
        }
    }

    /** What one round of clients did. */
    private static final class Outcome {
        int answered;
        int virtual;
        long millis;
        String failure;
    }

    private static Outcome runClients(Context context, int clients, String tcp, String inproc) throws Exception {
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger virtual = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>("none");
        Method isVirtual = Thread.class.getMethod("isVirtual");
        ExecutorService executor =
                (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            // the warm-up takes both paths, half and half, so that each one's classes are initialised
            // before the recording (the timed run's first inproc connects once raced into a class
            // initialiser: one pin at InprocRegistry.connect)
            boolean useTcp = clients < TCP_CLIENTS ? i % 2 == 0 : i < TCP_CLIENTS;
            String endpoint = useTcp ? tcp : inproc;
            String body = "request " + i;
            executor.execute(() -> {
                try {
                    if ((Boolean) isVirtual.invoke(Thread.currentThread())) {
                        virtual.incrementAndGet();
                    }
                    if (ask(context, endpoint, body)) {
                        answered.incrementAndGet();
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    failure.compareAndSet("none", e.toString());
                }
            });
        }
        executor.shutdown();
        if (!executor.awaitTermination(3, TimeUnit.MINUTES)) {
            failure.compareAndSet("none", "clients still running after 3 minutes");
        }
        Outcome outcome = new Outcome();
        outcome.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        outcome.answered = answered.get();
        outcome.virtual = virtual.get();
        outcome.failure = failure.get();
        return outcome;
    }

    private static boolean ask(Context context, String endpoint, String body) {
        try (ReqSocket req = context.createReq()) {
            req.set(SocketOptions.LINGER, Duration.ZERO);
            req.connect(endpoint);
            req.send(body);
            Optional<Message> reply = req.receive(Duration.ofMinutes(2));
            return reply.isPresent() && reply.get().string(0).equals(body);
        }
    }

    /** Echoes every request until the context closes. */
    private static void serve(RouterSocket broker, AtomicInteger echoed) {
        try {
            while (true) {
                Message request = broker.receive();
                broker.send(request);
                echoed.incrementAndGet();
            }
        } catch (RuntimeException e) {
            if (!broker.isClosed()) {
                e.printStackTrace();
            }
        }
    }

    private static void printPin(RecordedEvent pin) {
        StringBuilder line = new StringBuilder("pin thread=").append(pin.getThread() == null ? "?"
                : pin.getThread().getJavaName());
        if (pin.getStackTrace() != null) {
            for (RecordedFrame frame : pin.getStackTrace().getFrames().subList(0,
                    Math.min(12, pin.getStackTrace().getFrames().size()))) {
                line.append(" <- ").append(frame.getMethod().getType().getName()).append('.')
                        .append(frame.getMethod().getName()).append(':').append(frame.getLineNumber());
            }
        }
        System.out.println(line);
    }
}
