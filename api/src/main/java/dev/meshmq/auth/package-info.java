/**
 * Ready-made authentication for MeshMQ's PLAIN and CURVE sockets: {@link dev.meshmq.auth.CurveCertificate}
 * reads and writes CURVE certificates in CZMQ's zcert text format (the files pyzmq and CZMQ make), and
 * {@link dev.meshmq.auth.StandardAuthenticator} is an {@link dev.meshmq.Authenticator} with address
 * lists, a password file and allowed CURVE keys or a certificate directory.
 */
package dev.meshmq.auth;
