package dev.meshmq.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a file or certificate directory looked like when it was read: modification times and sizes,
 * of the directory itself and of each of its certificate files, so that a change shows without
 * reading any content.
 *
 * <p>Thread-safety: immutable.
 */
final class FileStamp {

    private final List<String> parts;

    private FileStamp(List<String> parts) {
        this.parts = parts;
    }

    /**
     * Stamps a file or directory as it is now.
     *
     * @param path a file, or a directory of certificates
     * @return the stamp, or an empty stamp if it cannot be read (which differs from every readable one)
     */
    static FileStamp of(Path path) {
        List<String> parts = new ArrayList<>();
        try {
            parts.add(stamp(path));
            if (Files.isDirectory(path)) {
                for (Path file : CertificateDirectory.certificateFiles(path)) {
                    parts.add(file.getFileName() + "@" + stamp(file));
                }
            }
        } catch (IOException e) {
            return new FileStamp(List.of());
        }
        return new FileStamp(parts);
    }

    private static String stamp(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return attributes.lastModifiedTime() + ":" + attributes.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileStamp && ((FileStamp) other).parts.equals(parts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parts);
    }
}
