package dev.meshmq.bench;

/** A benchmark run that could not finish: a hang past its deadline, a dead peer process, a wrong count. */
final class BenchFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BenchFailure(String message) {
        super(message);
    }

    BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
