package dev.meshmq.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The users and passwords of a PLAIN password file: one {@code user:password} per line (the password
 * is everything after the first ':'), {@code #} comment lines and blank lines ignored.
 *
 * <p>Thread-safety: immutable.
 */
final class PasswordFile {

    private final Map<String, byte[]> passwords;

    private PasswordFile(Map<String, byte[]> passwords) {
        this.passwords = passwords;
    }

    /**
     * Reads a password file.
     *
     * @param file the file
     * @return its users and passwords
     * @throws IOException if it cannot be read, or (naming the file and line) a line has no ':' or no
     *         user name, or a user appears twice
     */
    static PasswordFile load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, byte[]> passwords = new HashMap<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String user = colon < 0 ? "" : line.substring(0, colon).strip();
            if (user.isEmpty()) {
                throw new IOException(file + " line " + number + " is not 'user:password'");
            }
            if (passwords.put(user, line.substring(colon + 1).getBytes(StandardCharsets.UTF_8)) != null) {
                throw new IOException(file + " line " + number + " names user '" + user + "' a second time");
            }
        }
        return new PasswordFile(passwords);
    }

    /**
     * Checks a user's password, taking the same time whichever byte differs.
     *
     * @param user the user name
     * @param password the password
     * @return true if the user is in the file with that password
     */
    boolean matches(String user, String password) {
        byte[] expected = passwords.get(user);
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        return expected != null && MessageDigest.isEqual(expected, given);
    }

    /**
     * Returns the number of users.
     *
     * @return the count
     */
    int size() {
        return passwords.size();
    }
}
