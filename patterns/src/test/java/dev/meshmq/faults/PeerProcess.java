package dev.meshmq.faults;

import dev.meshmq.Context;
import dev.meshmq.ContextConfig;
import dev.meshmq.Socket;
import dev.meshmq.SocketType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A MeshMQ peer in a child JVM (possibly inside a network namespace), driven line by line on standard
 * input by {@link ChildPeer}, answering on standard output:
 * <ul>
 *   <li>{@code open NAME TYPE bind|connect ENDPOINT [hb|ka]} (heartbeats or TCP keepalive): answers
 *       {@code ready NAME ENDPOINT}; from then
 *       on every monitor event of the socket is printed as {@code event NAME TYPE detail};</li>
 *   <li>{@code stream NAME SERIES}: a thread sends {@code SERIES-0}, {@code SERIES-1}... as the pattern
 *       sends, for ever;</li>
 *   <li>{@code send NAME SERIES COUNT}: sends COUNT numbered messages, answers {@code sent NAME COUNT};</li>
 *   <li>{@code serve NAME [print]}: a thread receives (and answers, for REP, ROUTER, SERVER) for ever,
 *       printing {@code got NAME TAG} for each message if asked;</li>
 *   <li>{@code count NAME}: answers {@code count NAME N}, the messages served so far; {@code quit}.</li>
 * </ul>
 *
 * <p>Thread-safety: the main thread reads commands; each stream or serve thread owns its socket; output
 * lines are printed whole ({@link PrintStream} is synchronized).
 */
public final class PeerProcess {

    private static final long STREAM_PAUSE_NANOS = 200_000;

    private final Context context = Context.create(ContextConfig.defaults().withSpinWait(Duration.ZERO));
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> served = new ConcurrentHashMap<>();
    private final PrintStream out;

    private PeerProcess(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the peer until {@code quit} or the end of its input.
     *
     * @param args none
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        PeerProcess peer = new PeerProcess(new PrintStream(System.out, true, StandardCharsets.UTF_8));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            peer.out.println("started");
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                peer.execute(line.split(" "));
            }
        }
        peer.context.close();
    }

    private void execute(String[] words) {
        switch (words[0]) {
            case "open" -> open(words[1], SocketType.valueOf(words[2]), words[3].equals("bind"), words[4],
                    words.length > 5 ? words[5] : "");
            case "stream" -> start(words[1], () -> stream(sockets.get(words[1]), words[2]));
            case "send" -> {
                int count = Integer.parseInt(words[3]);
                for (int i = 0; i < count; i++) {
                    PeerSockets.sendOne(sockets.get(words[1]), words[2] + "-" + i);
                }
                out.println("sent " + words[1] + " " + count);
            }
            case "serve" -> start(words[1], () -> serve(words[1], words.length > 2));
            case "count" -> out.println("count " + words[1] + " " + served.get(words[1]).get());
            default -> out.println("unknown command " + words[0]);
        }
    }

    private void open(String name, SocketType type, boolean bind, String endpoint, String liveness) {
        Socket socket = PeerSockets.create(context, type);
        if (liveness.equals("hb")) {
            PeerSockets.heartbeat(socket);
        } else if (liveness.equals("ka")) {
            PeerSockets.keepalive(socket);
        }
        socket.monitor(event -> out.println("event " + name + " " + event.type() + " " + event.detail()));
        sockets.put(name, socket);
        served.put(name, new AtomicLong());
        String resolved = endpoint;
        if (bind) {
            resolved = socket.bind(endpoint);
        } else {
            socket.connect(endpoint);
        }
        out.println("ready " + name + " " + resolved);
    }

    private static void stream(Socket socket, String series) {
        for (long i = 0; !socket.isClosed(); i++) {
            PeerSockets.sendOne(socket, series + "-" + i);
            // about 5000 messages a second at most: a PUB never blocks, and the machine is shared
            LockSupport.parkNanos(STREAM_PAUSE_NANOS);
        }
    }

    private void serve(String name, boolean print) {
        Socket socket = sockets.get(name);
        AtomicLong count = served.get(name);
        while (!socket.isClosed()) {
            PeerSockets.serveOne(socket, tag -> {
                count.incrementAndGet();
                if (print) {
                    out.println("got " + name + " " + tag);
                }
            });
        }
    }

    private void start(String name, Runnable task) {
        Thread thread = new Thread(task, "peer-" + name);
        thread.setDaemon(true);
        thread.start();
    }
}
