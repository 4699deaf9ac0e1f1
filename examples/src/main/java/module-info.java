/**
 * Runnable MeshMQ programs: the demo the README runs, an example of each use (pipeline, worker
 * queue, pub/sub fan-out), and the {@code meshmq} command-line tool.
 */
// picocli and protobuf-java are automatic modules; the pom turns off javac's lints about requiring
// automatic modules for this module only. picocli reads and sets the annotated command fields by
// reflection, hence the opens.
module dev.meshmq.examples {
    requires dev.meshmq;
    requires dev.meshmq.patterns;
    requires dev.meshmq.proto;
    requires java.logging;
    requires info.picocli;

    exports dev.meshmq.examples;

    opens dev.meshmq.examples to info.picocli;
    opens dev.meshmq.examples.cli to info.picocli;
    opens dev.meshmq.examples.pipeline to info.picocli;
    opens dev.meshmq.examples.pubsub to info.picocli;
    opens dev.meshmq.examples.queue to info.picocli;
}
