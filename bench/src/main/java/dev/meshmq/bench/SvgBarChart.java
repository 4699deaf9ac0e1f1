package dev.meshmq.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A hand-written SVG bar chart: groups of two bars (MeshMQ and JeroMQ side by side), each group on its
 * own scale (its taller bar fills the plot height) because the groups mix units and magnitudes; every
 * bar carries its value as text, and a caption under the plot gives the machine state. A missing value
 * (a failed run) draws no bar and the label "failed".
 *
 * <p>Thread-safety: not thread-safe; build and render on one thread.
 */
final class SvgBarChart {

    static final String MESHMQ_COLOUR = "#2b6cb0";
    static final String JEROMQ_COLOUR = "#dd6b20";
    private static final int GROUP_WIDTH = 150;
    private static final int BAR_WIDTH = 46;
    private static final int LEFT = 20;
    private static final int TOP = 70;
    private static final int PLOT_HEIGHT = 220;
    private static final int LABEL_LINES = 2;
    private static final int LINE_HEIGHT = 16;
    /** A generous average width of one caption character (11 px sans-serif), for wrapping. */
    private static final int CAPTION_CHAR_WIDTH = 7;

    private final String title;
    private final List<String> caption;
    private final List<Group> groups = new ArrayList<>();

    /** One group: a label (lines split at '|') and the two libraries' values (NaN = missing). */
    private static final class Group {
        final String label;
        final double meshmq;
        final double jeromq;

        Group(String label, double meshmq, double jeromq) {
            this.label = label;
            this.meshmq = meshmq;
            this.jeromq = jeromq;
        }
    }

    SvgBarChart(String title, List<String> caption) {
        this.title = title;
        this.caption = caption;
    }

    /**
     * Adds a group.
     *
     * @param label the label under the bars; '|' starts a second line
     * @param meshmq MeshMQ's value, NaN if missing
     * @param jeromq JeroMQ's value, NaN if missing
     * @return this chart
     */
    SvgBarChart group(String label, double meshmq, double jeromq) {
        groups.add(new Group(label, meshmq, jeromq));
        return this;
    }

    /**
     * Renders the chart.
     *
     * @return a complete SVG document
     */
    String render() {
        int width = Math.max(LEFT * 2 + GROUP_WIDTH * groups.size(), 640);
        int axis = TOP + PLOT_HEIGHT;
        int captionTop = axis + 20 + LABEL_LINES * LINE_HEIGHT;
        List<String> caption = wrap(this.caption, (width - 2 * LEFT) / CAPTION_CHAR_WIDTH);
        int height = captionTop + caption.size() * LINE_HEIGHT + 10;
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                        + "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                        width, height, width, height))
                .append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n",
                        width, height))
                .append(text(LEFT, 24, "font-size=\"16\" font-weight=\"bold\"", title));
        legend(svg, LEFT, 46, MESHMQ_COLOUR, "MeshMQ");
        legend(svg, LEFT + 100, 46, JEROMQ_COLOUR, "JeroMQ");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n",
                LEFT, axis, width - LEFT, axis));
        for (int g = 0; g < groups.size(); g++) {
            drawGroup(svg, groups.get(g), LEFT + g * GROUP_WIDTH, axis);
        }
        for (int i = 0; i < caption.size(); i++) {
            svg.append(text(LEFT, captionTop + i * LINE_HEIGHT, "fill=\"#333\" font-size=\"11\"", caption.get(i)));
        }
        return svg.append("</svg>\n").toString();
    }

    /** Breaks the caption's lines at spaces so that none is longer than {@code columns} characters. */
    static List<String> wrap(List<String> lines, int columns) {
        List<String> wrapped = new ArrayList<>();
        for (String line : lines) {
            StringBuilder current = new StringBuilder();
            for (String word : line.split(" ")) {
                if (current.length() > 0 && current.length() + 1 + word.length() > columns) {
                    wrapped.add(current.toString());
                    current.setLength(0);
                }
                current.append(current.length() > 0 ? " " : "").append(word);
            }
            wrapped.add(current.toString());
        }
        return wrapped;
    }

    private static void drawGroup(StringBuilder svg, Group group, int x, int axis) {
        double max = Math.max(finiteOrZero(group.meshmq), finiteOrZero(group.jeromq));
        int gap = (GROUP_WIDTH - 2 * BAR_WIDTH) / 3;
        bar(svg, x + gap, axis, group.meshmq, max, MESHMQ_COLOUR);
        bar(svg, x + 2 * gap + BAR_WIDTH, axis, group.jeromq, max, JEROMQ_COLOUR);
        String[] lines = group.label.split("\\|", LABEL_LINES);
        for (int i = 0; i < lines.length; i++) {
            svg.append(text(x + GROUP_WIDTH / 2, axis + 16 + i * LINE_HEIGHT, "text-anchor=\"middle\"", lines[i]));
        }
    }

    private static void bar(StringBuilder svg, int x, int axis, double value, double max, String colour) {
        boolean present = Double.isFinite(value) && value >= 0;
        int height = present && max > 0 ? (int) Math.round(value / max * PLOT_HEIGHT) : 0;
        if (height > 0) {
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    x, axis - height, BAR_WIDTH, height, colour));
        }
        svg.append(text(x + BAR_WIDTH / 2, axis - height - 4, "text-anchor=\"middle\" font-size=\"11\"",
                present ? human(value) : "failed"));
    }

    private static void legend(StringBuilder svg, int x, int y, String colour, String name) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                x, y - 10, colour));
        svg.append(text(x + 18, y, "", name));
    }

    private static String text(int x, int y, String attributes, String content) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\"%s>%s</text>%n", x, y,
                attributes.isEmpty() ? "" : " " + attributes, escape(content));
    }

    private static double finiteOrZero(double value) {
        return Double.isFinite(value) && value > 0 ? value : 0;
    }

    /**
     * Formats a value with three significant digits and a k/M/G suffix.
     *
     * @param value the value
     * @return the text
     */
    static String human(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1e9) {
            return threeDigits(value / 1e9) + " G";
        }
        if (magnitude >= 1e6) {
            return threeDigits(value / 1e6) + " M";
        }
        if (magnitude >= 1e4) {
            return threeDigits(value / 1e3) + " k";
        }
        return threeDigits(value);
    }

    private static String threeDigits(double value) {
        double magnitude = Math.abs(value);
        int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /**
     * Escapes text for XML character data and attribute values.
     *
     * @param text the text
     * @return the escaped text
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&':
                    escaped.append("&amp;");
                    break;
                case '<':
                    escaped.append("&lt;");
                    break;
                case '>':
                    escaped.append("&gt;");
                    break;
                case '"':
                    escaped.append("&quot;");
                    break;
                default:
                    escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
