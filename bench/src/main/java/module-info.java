/**
 * Throughput and latency tools for MeshMQ, run side by side with JeroMQ (the baseline). JeroMQ 0.6.0
 * ships its own module descriptor ({@code org.zeromq.jeromq}), so it is required by name here.
 * {@code java.management} gives the thread dumps a stalled round leaves behind.
 */
module dev.meshmq.bench {
    requires java.management;
    requires dev.meshmq.patterns;
    requires org.zeromq.jeromq;
}
