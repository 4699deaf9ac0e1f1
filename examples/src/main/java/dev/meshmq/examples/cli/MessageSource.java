package dev.meshmq.examples.cli;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where {@code meshmq send} takes its messages from: its arguments (repeated in turn up to
 * {@code --count}), generated payloads of {@code --size} bytes, or one line of standard input each.
 *
 * <p>Thread-safety: single owner.
 */
abstract class MessageSource {

    /** Returns the next message, or null when there are no more. */
    abstract Message next();

    /** Cycles through {@code lines}; {@code count} messages in all, or each line once when null. */
    static MessageSource of(List<String> lines, Integer count, FrameText text, String separator) {
        int total = count == null ? lines.size() : count;
        return new MessageSource() {
            private int sent;

            @Override
            Message next() {
                return sent < total ? text.parse(lines.get(sent++ % lines.size()), separator) : null;
            }
        };
    }

    /**
     * Generates {@code count} (1 if null) single-frame messages of {@code size} printable bytes:
     * byte {@code i} of message {@code n} is the letter {@code 'a' + (i + n) % 26}.
     */
    static MessageSource generated(int size, Integer count) {
        int total = count == null ? 1 : count;
        return new MessageSource() {
            private int sent;

            @Override
            Message next() {
                if (sent >= total) {
                    return null;
                }
                byte[] body = new byte[size];
                for (int i = 0; i < size; i++) {
                    body[i] = (byte) ('a' + (i + sent) % 26);
                }
                sent++;
                return Message.of(Frame.wrap(body));
            }
        };
    }

    /** Reads one message per line of {@code in}, up to {@code count} (all lines when null). */
    static MessageSource lines(InputStream in, Integer count, FrameText text, String separator) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return new MessageSource() {
            private int sent;

            @Override
            Message next() {
                if (count != null && sent >= count) {
                    return null;
                }
                try {
                    String line = reader.readLine();
                    sent++;
                    return line == null ? null : text.parse(line, separator);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read standard input", e);
                }
            }
        };
    }
}
