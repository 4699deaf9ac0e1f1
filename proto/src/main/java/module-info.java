/**
 * Protobuf messages over MeshMQ sockets: a codec per message type and the example schemas.
 */
// protobuf-java is an automatic module; its types are part of this module's API, hence transitive.
// The pom turns off javac's lints about automatic modules for this module only.
module dev.meshmq.proto {
    requires transitive dev.meshmq;
    requires transitive com.google.protobuf;

    exports dev.meshmq.proto;
    exports dev.meshmq.proto.examples;
}
