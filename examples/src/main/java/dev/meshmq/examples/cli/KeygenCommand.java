package dev.meshmq.examples.cli;

import dev.meshmq.CurveKeyPair;
import dev.meshmq.auth.CurveCertificate;
import dev.meshmq.examples.Console;
import dev.meshmq.examples.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshmq keygen}: makes a CURVE key pair and prints it as {@code public: <z85>} and
 * {@code secret: <z85>}, or with {@code --out PREFIX} writes it as a certificate pair in CZMQ's zcert
 * format ({@code PREFIX}, to hand out, and {@code PREFIX_secret}, to keep) and prints their paths.
 *
 * <p>Thread-safety: one use per instance.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Make a CURVE key pair: print it, or write it as a certificate pair.")
public final class KeygenCommand implements Callable<Integer> {

    @Option(names = {"-o", "--out"}, paramLabel = "PREFIX",
            description = "Write the certificates PREFIX (public) and PREFIX_secret instead of printing keys.")
    private Path out;

    @Option(names = {"-m", "--metadata"}, paramLabel = "NAME=VALUE",
            description = "Metadata for the certificates, such as name=server-1 (with --out; repeatable).")
    private List<String> metadata = List.of();

    @Option(names = "--force", description = "Replace certificate files that exist (with --out).")
    private boolean force;

    private final Console console;

    /**
     * Creates the command.
     *
     * @param console where the keys or paths are printed
     */
    public KeygenCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        if (out == null && (!metadata.isEmpty() || force)) {
            throw new UsageException("--metadata and --force go with --out");
        }
        CurveKeyPair pair = CurveKeyPair.generate();
        try {
            if (out == null) {
                console.out().println("public: " + pair.publicKeyZ85());
                console.out().println("secret: " + pair.secretKeyZ85());
            } else {
                writeCertificates(pair);
            }
        } finally {
            pair.destroy();
        }
        console.out().flush();
        return 0;
    }

    private void writeCertificates(CurveKeyPair pair) throws IOException {
        CurveCertificate certificate;
        try {
            certificate = CurveCertificate.of(pair, parseMetadata());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path secret = CurveCertificate.secretFileOf(out);
        if (!force) {
            for (Path file : List.of(out, secret)) {
                if (Files.exists(file)) {
                    throw new IOException(file + " exists; keeping it (--force replaces it)");
                }
            }
        }
        certificate.save(out);
        console.out().println("public certificate: " + out);
        console.out().println("secret certificate: " + secret);
    }

    private Map<String, String> parseMetadata() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String entry : metadata) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("--metadata takes NAME=VALUE, not '" + entry + "'");
            }
            values.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        return values;
    }
}
