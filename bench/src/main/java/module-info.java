/**
 * Throughput and latency tools for MeshMQ, run side by side with JeroMQ (the baseline). JeroMQ 0.6.0
 * ships its own module descriptor ({@code org.zeromq.jeromq}), so it is required by name here.
 * {@code java.management} gives the thread dumps a stalled round leaves behind; {@code jdk.management}
 * the process CPU time behind the CPU-per-message figures.
 */
module dev.meshmq.bench {
    requires java.management;
    requires jdk.management;
    requires dev.meshmq.patterns;
    requires org.zeromq.jeromq;
}
