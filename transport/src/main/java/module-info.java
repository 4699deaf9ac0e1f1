/**
 * MeshMQ's transport layer: pipes, I/O threads, tcp/ipc/inproc and the ZMTP 3.1 codec, for the
 * patterns module only.
 */
// "module": dev.meshmq.patterns is built after this module, so the qualified export names a module
// javac cannot see yet.
@SuppressWarnings("module")
module dev.meshmq.transport {
    requires transitive dev.meshmq;
    requires jdk.net;
    requires org.bouncycastle.provider;
    exports dev.meshmq.transport to dev.meshmq.patterns;
    exports dev.meshmq.transport.zmtp to dev.meshmq.patterns;
    exports dev.meshmq.transport.curve to dev.meshmq.patterns;
}
