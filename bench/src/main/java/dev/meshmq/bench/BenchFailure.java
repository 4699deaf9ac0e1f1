package dev.meshmq.bench;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A benchmark run that could not finish: a hang past its deadline, a dead peer process, a wrong count.
 * A stall carries the file with the thread dumps taken before the run was aborted.
 *
 * <p>Thread-safety: immutable once thrown.
 */
final class BenchFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path stallDump;

    BenchFailure(String message) {
        this(message, (Path) null);
    }

    BenchFailure(String message, Throwable cause) {
        super(message, cause);
        this.stallDump = cause instanceof BenchFailure ? ((BenchFailure) cause).stallDump : null;
    }

    BenchFailure(String message, Path stallDump) {
        super(message);
        this.stallDump = stallDump;
    }

    /**
     * Returns the file holding both JVMs' thread dumps, if this failure was a stall.
     *
     * @return the file, or empty
     */
    Optional<Path> stallDump() {
        return Optional.ofNullable(stallDump);
    }
}
