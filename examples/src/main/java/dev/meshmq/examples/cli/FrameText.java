package dev.meshmq.examples.cli;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * How the command-line tool writes messages as text and reads them back: one line per message,
 * frames separated (a tab on output, a chosen separator on input), each frame as UTF-8 text or as
 * lower-case hex.
 *
 * <p>Thread-safety: immutable.
 */
final class FrameText {

    private static final HexFormat HEX = HexFormat.of();

    private final boolean hex;

    FrameText(boolean hex) {
        this.hex = hex;
    }

    /** Returns the message as one line: its frames, tab-separated. */
    String format(Message message) {
        StringJoiner line = new StringJoiner("\t");
        for (Frame frame : message) {
            line.add(format(frame));
        }
        return line.toString();
    }

    /** Returns one frame as text, or as hex when asked for. */
    String format(Frame frame) {
        return hex ? HEX.formatHex(frame.toByteArray()) : frame.asString();
    }

    /**
     * Splits a line into frames at every {@code separator} (taken literally; null keeps the line
     * whole) and decodes each frame from text or hex.
     */
    Message parse(String line, String separator) {
        List<Frame> frames = new ArrayList<>();
        String[] parts = separator == null || separator.isEmpty()
                ? new String[] {line}
                : line.split(Pattern.quote(separator), -1);
        for (String part : parts) {
            frames.add(hex ? Frame.wrap(parseHex(part)) : Frame.of(part));
        }
        return Message.of(frames);
    }

    private static byte[] parseHex(String text) {
        try {
            return HEX.parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not hex: \"" + text + "\"", e);
        }
    }
}
