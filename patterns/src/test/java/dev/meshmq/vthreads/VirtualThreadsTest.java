package dev.meshmq.vthreads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Blocking calls from virtual threads: 10,000 virtual threads, each with its own REQ socket, served by one
 * ROUTER broker, all answered, and no {@code jdk.VirtualThreadPinned} event (threshold 0) in a JFR
 * recording of the run. The build targets Java 17, so the run happens in a child JVM of the Temurin 25 JDK
 * ({@link VirtualThreadClients}); a missing JDK 25 is a failure, not a skip. Set {@code -Dmeshmq.jdk25=}
 * to the {@code java} of another JDK 21+ to use that one.
 *
 * <p>Thread-safety: one test thread.
 */
class VirtualThreadsTest {

    private static final String DEFAULT_JAVA = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";
    private static final int CLIENTS = 10_000;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void tenThousandVirtualThreadsEachWithAReqSocketAreAllAnsweredWithoutPinning() throws Exception {
        Path java = Paths.get(System.getProperty("meshmq.jdk25", DEFAULT_JAVA));
        assertTrue(Files.isExecutable(java), "JDK 25 not found at " + java
                + ": install Temurin 25 there or pass -Dmeshmq.jdk25=/path/to/bin/java (a JDK 21 or later)");
        Path recording = Files.createTempFile("meshmq-vthreads-", ".jfr");
        Path output = Files.createTempFile("meshmq-vthreads-", ".out");
        Process child = new ProcessBuilder(java.toString(), "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                VirtualThreadClients.class.getName(), Integer.toString(CLIENTS), recording.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = child.waitFor(4, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(ended, "the child did not end in 4 minutes:\n" + text);
        assertEquals(0, child.exitValue(), text);
        Map<String, String> said = lines(text);
        assertEquals("done", text.strip().lines().reduce((a, b) -> b).orElse(""), text);
        assertEquals("200", said.get("warmup"), text);
        assertEquals("none", said.get("failure"), text);
        assertEquals(Integer.toString(CLIENTS), said.get("virtual"), text);
        assertEquals(Integer.toString(CLIENTS), said.get("answered"), text);
        assertEquals("0", said.get("pinned"), text);
        assertTrue(Integer.parseInt(said.get("control-pinned")) >= 1,
                "the recording did not see the pin made on purpose, so it proves nothing:\n" + text);
        System.out.println("virtual threads: " + text.strip().replace('\n', ' '));
        Files.deleteIfExists(recording);
        Files.deleteIfExists(output);
    }

    private static Map<String, String> lines(String text) {
        Map<String, String> said = new HashMap<>();
        for (String line : List.of(text.split("\n"))) {
            int equals = line.indexOf('=');
            if (equals > 0 && !line.startsWith("pin ")) {
                said.put(line.substring(0, equals), line.substring(equals + 1).strip());
            }
        }
        return said;
    }
}
