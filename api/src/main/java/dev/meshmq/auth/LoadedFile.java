package dev.meshmq.auth;

/**
 * Content read from a file (a password file or a certificate directory) and the file's stamp when it
 * was last looked at, so a change can be noticed without reading it again.
 *
 * <p>Thread-safety: immutable (the content is immutable too).
 *
 * @param <T> what the file was read into
 */
final class LoadedFile<T> {

    final T content;
    final FileStamp seen;

    LoadedFile(T content, FileStamp seen) {
        this.content = content;
        this.seen = seen;
    }
}
