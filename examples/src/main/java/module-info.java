/**
 * Runnable MeshMQ programs: the demo the README runs, and examples of each use.
 */
module dev.meshmq.examples {
    requires dev.meshmq;
    requires dev.meshmq.patterns;

    exports dev.meshmq.examples;
}
