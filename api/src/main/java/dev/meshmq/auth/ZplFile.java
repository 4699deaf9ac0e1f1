package dev.meshmq.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the subset of ZPL (ZeroMQ RFC 4, the format of CZMQ's zconfig) that certificates use:
 * {@code #} comment lines, section names alone on a line, and {@code name = value} lines indented
 * below their section, values bare or in single or double quotes. Each entry is keyed by its path,
 * {@code "curve/public-key"}.
 *
 * <p>Thread-safety: stateless.
 */
final class ZplFile {

    private ZplFile() {
    }

    /**
     * Parses the lines of a ZPL file.
     *
     * @param file the file's path, for messages
     * @param lines its lines
     * @return the values by path, in file order
     * @throws IOException naming the file and line if a line is not ZPL
     */
    static Map<String, String> parse(Path file, List<String> lines) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        Deque<String> sections = new ArrayDeque<>();
        Deque<Integer> indents = new ArrayDeque<>();
        for (int number = 1; number <= lines.size(); number++) {
            String raw = lines.get(number - 1);
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int indent = indentOf(raw);
            while (!indents.isEmpty() && indents.peek() >= indent) {
                indents.pop();
                sections.pop();
            }
            int equals = line.indexOf('=');
            String name = (equals < 0 ? line : line.substring(0, equals)).strip();
            if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IOException(file + " line " + number + " is not ZPL ('name' or 'name = value'): " + line);
            }
            String path = sections.isEmpty() ? name : String.join("/", reversed(sections)) + "/" + name;
            if (equals >= 0) {
                values.put(path, value(file, number, line.substring(equals + 1).strip()));
            }
            sections.push(name);
            indents.push(indent);
        }
        return values;
    }

    /**
     * Quotes a value for a ZPL file.
     *
     * @param value the value
     * @return it in double quotes, or single quotes if it holds a double quote
     * @throws IllegalArgumentException if it holds both kinds of quote or a line break
     */
    static String quote(String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a certificate value cannot hold a line break: " + value);
        }
        if (value.indexOf('"') < 0) {
            return '"' + value + '"';
        }
        if (value.indexOf('\'') < 0) {
            return '\'' + value + '\'';
        }
        throw new IllegalArgumentException("a certificate value cannot hold both ' and \": " + value);
    }

    /**
     * Checks a name for a ZPL file.
     *
     * @param name the name
     * @throws IllegalArgumentException if it is empty or holds white space, '=', '#' or a quote
     */
    static void checkName(String name) {
        if (name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '=' || c == '#'
                || c == '"' || c == '\'' || c == '/' || c < 0x20)) {
            throw new IllegalArgumentException("a certificate metadata name has no white space, '=', '#', '/' "
                    + "or quotes, and is not empty: '" + name + "'");
        }
    }

    private static String value(Path file, int number, String text) throws IOException {
        if (text.isEmpty()) {
            return "";
        }
        char first = text.charAt(0);
        if (first == '"' || first == '\'') {
            int end = text.indexOf(first, 1);
            if (end < 0) {
                throw new IOException(file + " line " + number + ": the value's quote is not closed");
            }
            String rest = text.substring(end + 1).strip();
            if (!rest.isEmpty() && !rest.startsWith("#")) {
                throw new IOException(file + " line " + number + ": text after the quoted value: " + rest);
            }
            return text.substring(1, end);
        }
        int comment = text.indexOf(" #");
        return (comment < 0 ? text : text.substring(0, comment)).strip();
    }

    private static int indentOf(String raw) {
        int indent = 0;
        for (int i = 0; i < raw.length() && (raw.charAt(i) == ' ' || raw.charAt(i) == '\t'); i++) {
            indent += raw.charAt(i) == '\t' ? 4 : 1;
        }
        return indent;
    }

    private static List<String> reversed(Deque<String> stack) {
        List<String> names = new ArrayList<>(stack);
        Collections.reverse(names);
        return names;
    }
}
