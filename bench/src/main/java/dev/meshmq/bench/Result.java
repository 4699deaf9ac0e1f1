package dev.meshmq.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** One benchmark figure set: what ran (bench, impl, transport, procs, size) and its metrics in order. */
final class Result {

    final String bench;
    final String impl;
    final Transport transport;
    final int procs;
    final int size;
    final Map<String, Double> metrics = new LinkedHashMap<>();
    String detail = "";

    Result(String bench, String impl, BenchOptions options) {
        this.bench = options.curve == null ? bench : bench + "_curve";
        this.impl = impl;
        this.transport = options.transport;
        this.procs = options.procs;
        this.size = options.size;
    }

    Result with(String metric, double value) {
        metrics.put(metric, value);
        return this;
    }

    Result detail(String text) {
        detail = text;
        return this;
    }

    /** Returns the columns before the metric, shared by every CSV line of this result (impl replaced). */
    String key(String implColumn) {
        return bench + "," + implColumn + "," + transport.label() + "," + procs + "," + size;
    }
}
