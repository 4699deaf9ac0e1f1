package dev.meshmq.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The parsed command line. {@link #parse} checks every flag and its value and throws
 * {@link UsageException} with a one-line message on the first problem.
 *
 * <p>Thread-safety: filled in by {@link #parse} on one thread, then only read.
 */
final class BenchOptions {

    static final String THROUGHPUT = "throughput";
    static final String LATENCY = "latency";
    static final String FANOUT = "fanout";
    static final String THROUGHPUT_PEER = "throughput-peer";
    static final String LATENCY_PEER = "latency-peer";
    static final String CONNECT_RATE = "connect-rate";
    static final String SOAK = "soak";
    static final String SOAK_PEER = "soak-peer";
    static final String NIO = "nio";
    static final String REPORT = "report";
    /** {@link #spinUs} when {@code --spin-us} was not given: MeshMQ's own default spin. */
    static final int DEFAULT_SPIN = -1;
    /** {@code ContextConfig.MAX_SPIN_WAIT} in microseconds. */
    private static final int MAX_SPIN_US = 10_000;
    private static final int MAX_BACKGROUND_THREADS = 64;

    private static final int MAX_SIZE = 64 * 1024 * 1024;

    String command;
    List<String> impls = List.of("meshmq", "jeromq");
    Transport transport = Transport.TCP;
    int size = 64;
    int procs = 1;
    double seconds = 2.0;
    double warmupSeconds = 1.0;
    int rounds = 1;
    int minRoundTrips = 20_000;
    boolean csv;
    int subs = 4;
    boolean noDrop;
    String connect;
    int clients = 100;
    int bursts = 5;
    double minutes = 30;
    double stallSeconds = 60;
    int spinUs = DEFAULT_SPIN;
    /** {@code --curve}: the keys of a CURVE run, or null for NULL (no security). */
    CurveSetup curve;
    int backgroundLoad;
    String outDir;
    boolean quick;
    /** {@code --direct-frames}: MeshMQ sends each body as a frame over a direct buffer (throughput). */
    boolean directFrames;
    private final Set<String> given = new HashSet<>();

    private BenchOptions() {
    }

    /**
     * Tells whether a flag was given on the command line.
     *
     * @param flag the flag, such as {@code --rounds}
     * @return true if it was given
     */
    boolean has(String flag) {
        return given.contains(flag);
    }

    boolean isPeer() {
        return THROUGHPUT_PEER.equals(command) || LATENCY_PEER.equals(command) || SOAK_PEER.equals(command);
    }

    /**
     * Returns the named library, MeshMQ with this command line's {@code --spin-us} (JeroMQ has no such
     * setting).
     *
     * @param name "meshmq" or "jeromq"
     * @return the implementation
     */
    BenchImpl impl(String name) {
        BenchImpl impl = BenchImpl.named(name, spinUs, curve);
        return directFrames && impl instanceof MeshMqImpl ? ((MeshMqImpl) impl).withDirectFrames() : impl;
    }

    /**
     * Returns the command line of a peer child for one run: the peer sub-command, the library, the
     * endpoint, this run's size, transport and (if given) spin, then {@code extra}.
     *
     * @param peerCommand the hidden sub-command
     * @param implName the library
     * @param endpoint where to connect
     * @param extra further arguments
     * @return the arguments
     */
    List<String> peerArgs(String peerCommand, String implName, String endpoint, String... extra) {
        List<String> args = new ArrayList<>(List.of(peerCommand, "--impl", implName, "--connect", endpoint,
                "--size", Integer.toString(size), "--transport", transport.label()));
        if (spinUs != DEFAULT_SPIN) {
            args.add("--spin-us");
            args.add(Integer.toString(spinUs));
        }
        if (curve != null) {
            args.add("--curve-keys");
            args.add(curve.toArgument());
        }
        args.addAll(List.of(extra));
        return args;
    }

    static BenchOptions parse(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("missing command: throughput, latency, fanout, connect-rate, soak or report "
                    + "(try --help)");
        }
        BenchOptions options = new BenchOptions();
        options.command = args.get(0);
        if (!List.of(THROUGHPUT, LATENCY, FANOUT, CONNECT_RATE, SOAK, REPORT, THROUGHPUT_PEER, LATENCY_PEER,
                SOAK_PEER).contains(options.command)) {
            throw new UsageException("unknown command '" + options.command
                    + "': use throughput, latency, fanout, connect-rate, soak or report");
        }
        if (CONNECT_RATE.equals(options.command)) {
            options.impls = List.of("meshmq", "jeromq", NIO);
        }
        for (int i = 1; i < args.size(); i++) {
            String flag = args.get(i);
            options.given.add(flag);
            if ("--csv".equals(flag)) {
                options.csv = true;
                continue;
            }
            if ("--nodrop".equals(flag)) {
                options.noDrop = true;
                continue;
            }
            if ("--quick".equals(flag)) {
                options.quick = true;
                continue;
            }
            if ("--direct-frames".equals(flag)) {
                options.directFrames = true;
                continue;
            }
            if ("--curve".equals(flag)) {
                options.curve = CurveSetup.generate();
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(flag.startsWith("--") ? "missing value for " + flag : "unexpected " + flag);
            }
            options.apply(flag, args.get(++i));
        }
        options.check();
        return options;
    }

    private void apply(String flag, String value) throws UsageException {
        switch (flag) {
            case "--impl":
                impls = parseImpls(value);
                break;
            case "--transport":
                transport = parseTransport(value);
                break;
            case "--size":
                size = parseInt(flag, value, 1, MAX_SIZE);
                break;
            case "--procs":
                procs = parseInt(flag, value, 1, 2);
                break;
            case "--seconds":
                seconds = parseSeconds(flag, value, 0.1);
                break;
            case "--warmup":
                warmupSeconds = parseSeconds(flag, value, 0.0);
                break;
            case "--rounds":
                rounds = parseInt(flag, value, 1, 100);
                break;
            case "--min-round-trips":
                minRoundTrips = parseInt(flag, value, 1, 100_000_000);
                break;
            case "--subs":
                subs = parseInt(flag, value, 1, 64);
                break;
            case "--clients":
                clients = parseInt(flag, value, 1, 1000);
                break;
            case "--bursts":
                bursts = parseInt(flag, value, 1, 1000);
                break;
            case "--minutes":
                minutes = parseNumber(flag, value, 0.01, "minutes");
                break;
            case "--stall-seconds":
                stallSeconds = parseSeconds(flag, value, 0.5);
                break;
            case "--connect":
                connect = value;
                break;
            case "--spin-us":
                spinUs = parseInt(flag, value, 0, MAX_SPIN_US);
                break;
            case "--background-load":
                backgroundLoad = parseInt(flag, value, 0, MAX_BACKGROUND_THREADS);
                break;
            case "--out":
                outDir = value;
                break;
            case "--curve-keys":
                curve = CurveSetup.parse(value);
                break;
            case "--role":
                if (!"receive".equals(value)) {
                    throw new UsageException("--role must be receive, got '" + value + "'");
                }
                break;
            default:
                throw new UsageException("unknown flag '" + flag + "' (try --help)");
        }
    }

    private void check() throws UsageException {
        if (transport == Transport.INPROC && procs != 1) {
            throw new UsageException("--transport inproc needs --procs 1 (inproc works within one process only)");
        }
        if (FANOUT.equals(command) && (transport != Transport.TCP || procs != 1)) {
            throw new UsageException("fanout runs over tcp in one process: no --transport or --procs");
        }
        if (!FANOUT.equals(command) && (noDrop || subs != 4)) {
            throw new UsageException("--subs and --nodrop are for fanout only");
        }
        checkConnectRateAndSoak();
        checkReportAndMachine();
        if (isPeer() && !SOAK_PEER.equals(command) && (connect == null || impls.size() != 1)) {
            throw new UsageException(command + " needs --connect ENDPOINT and exactly one --impl");
        }
    }

    private void checkReportAndMachine() throws UsageException {
        if (REPORT.equals(command)) {
            for (String flag : given) {
                if (!List.of("--out", "--rounds", "--quick", "--spin-us", "--background-load").contains(flag)) {
                    throw new UsageException("report takes --out, --rounds, --quick, --spin-us and "
                            + "--background-load only, not " + flag + " (it picks the cases itself)");
                }
            }
            if (outDir == null) {
                throw new UsageException("report needs --out DIR");
            }
            return;
        }
        if (given.contains("--out") || quick) {
            throw new UsageException("--out and --quick are for report only");
        }
        boolean measuring = List.of(THROUGHPUT, LATENCY, FANOUT).contains(command);
        if (given.contains("--spin-us") && !measuring && !isPeer()) {
            throw new UsageException("--spin-us is for throughput, latency, fanout and report");
        }
        if (curve != null && !measuring && !isPeer() && !CONNECT_RATE.equals(command)) {
            throw new UsageException("--curve is for throughput, latency, fanout and connect-rate");
        }
        if (directFrames && !THROUGHPUT.equals(command)) {
            throw new UsageException("--direct-frames is for throughput only");
        }
        if (given.contains("--background-load") && !measuring) {
            throw new UsageException("--background-load is for throughput, latency, fanout and report");
        }
    }

    private void checkConnectRateAndSoak() throws UsageException {
        boolean connectRate = CONNECT_RATE.equals(command);
        if (impls.contains(NIO) && !connectRate) {
            throw new UsageException("--impl nio and all are for connect-rate only");
        }
        if (connectRate && curve != null && impls.contains(NIO)) {
            if (given.contains("--impl")) {
                throw new UsageException("--curve is for the libraries: the nio loop has no handshake to secure");
            }
            impls = List.of("meshmq", "jeromq");
        }
        if (connectRate && (transport != Transport.TCP || procs != 1 || given.contains("--size"))) {
            throw new UsageException("connect-rate runs over tcp in one process with 1-byte messages: "
                    + "no --transport, --procs or --size");
        }
        if (connectRate) {
            size = 1;
        }
        if (!connectRate && (given.contains("--clients") || given.contains("--bursts"))) {
            throw new UsageException("--clients and --bursts are for connect-rate only");
        }
        boolean soak = SOAK.equals(command);
        if (soak) {
            for (String flag : given) {
                if (!List.of("--minutes", "--stall-seconds").contains(flag)) {
                    throw new UsageException("soak takes --minutes and --stall-seconds only, not " + flag
                            + " (it picks transports, sizes and HWMs itself; MeshMQ only)");
                }
            }
        } else if (given.contains("--minutes") || given.contains("--stall-seconds")) {
            throw new UsageException("--minutes and --stall-seconds are for soak only");
        }
    }

    private static List<String> parseImpls(String value) throws UsageException {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "both":
                return new ArrayList<>(List.of("meshmq", "jeromq"));
            case "all":
                return List.of("meshmq", "jeromq", NIO);
            default:
                break;
        }
        List<String> impls = new ArrayList<>();
        for (String name : value.toLowerCase(Locale.ROOT).split(",")) {
            if (!List.of("meshmq", "jeromq", NIO).contains(name) || impls.contains(name)) {
                throw new UsageException("--impl must be meshmq, jeromq, both, (connect-rate) nio or all, or a "
                        + "comma-separated list of them, got '" + value + "'");
            }
            impls.add(name);
        }
        return impls;
    }

    private static Transport parseTransport(String value) throws UsageException {
        for (Transport transport : Transport.values()) {
            if (transport.label().equals(value)) {
                return transport;
            }
        }
        throw new UsageException("--transport must be tcp, ipc or inproc, got '" + value + "'");
    }

    private static int parseInt(String flag, String value, int min, int max) throws UsageException {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " needs a whole number, got '" + value + "'");
        }
        throw new UsageException(flag + " must be between " + min + " and " + max + ", got '" + value + "'");
    }

    private static double parseSeconds(String flag, String value, double min) throws UsageException {
        return parseNumber(flag, value, min, "seconds");
    }

    private static double parseNumber(String flag, String value, double min, String unit) throws UsageException {
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= min && parsed <= 3600 && !Double.isNaN(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " needs a number of " + unit + ", got '" + value + "'");
        }
        throw new UsageException(flag + " must be between " + min + " and 3600 " + unit + ", got '" + value + "'");
    }
}
