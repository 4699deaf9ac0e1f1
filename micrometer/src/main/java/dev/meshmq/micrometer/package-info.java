/**
 * Binds MeshMQ socket statistics to a Micrometer {@link io.micrometer.core.instrument.MeterRegistry}:
 * {@link dev.meshmq.micrometer.MeshMetrics#bind(dev.meshmq.Socket,
 * io.micrometer.core.instrument.MeterRegistry, Iterable)}.
 */
package dev.meshmq.micrometer;
