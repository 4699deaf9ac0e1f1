package dev.meshmq.hardening;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PullSocket;
import dev.meshmq.SocketOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The server side of the memory and flood tests, run in a child JVM with small limits: a PULL bound
 * to an ephemeral tcp port (its HANDSHAKE_INTERVAL from the system property {@code handshakeMillis} and
 * its MAX_MESSAGE_PARTS from {@code maxMessageParts}, if set), driven by one-line commands on standard
 * input, answering one line each on standard output. {@code heap} answers the used heap after two full
 * collections; {@code receive MILLIS} answers {@code received TEXT} or {@code none}; {@code quit} ends it.
 *
 * <p>Thread-safety: a program's main; single-threaded.
 */
public final class SmallServer {

    private SmallServer() {
    }

    /**
     * Runs the server.
     *
     * @param args none
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (Context context = Context.create(); PullSocket pull = context.createPull()) {
            String handshakeMillis = System.getProperty("handshakeMillis");
            if (handshakeMillis != null) {
                pull.set(SocketOptions.HANDSHAKE_INTERVAL, Duration.ofMillis(Long.parseLong(handshakeMillis)));
            }
            String maxMessageParts = System.getProperty("maxMessageParts");
            if (maxMessageParts != null) {
                pull.set(SocketOptions.MAX_MESSAGE_PARTS, Integer.parseInt(maxMessageParts));
            }
            System.out.println("endpoint " + pull.bind("tcp://127.0.0.1:*"));
            System.out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                String[] words = line.trim().split(" ");
                switch (words[0]) {
                    case "heap" -> {
                        memory.gc();
                        memory.gc();
                        System.out.println("heap " + memory.getHeapMemoryUsage().getUsed());
                    }
                    case "receive" -> {
                        Optional<Message> received = pull.receive(Duration.ofMillis(Long.parseLong(words[1])));
                        System.out.println(received.map(m -> "received " + m.string(0)).orElse("none"));
                    }
                    case "quit" -> {
                        System.out.println("bye");
                        return;
                    }
                    default -> System.out.println("unknown " + line);
                }
                System.out.flush();
            }
        }
    }
}
