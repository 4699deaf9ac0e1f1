/**
 * The cryptography of CURVE (CurveZMQ, RFC 26) for the engine: the precomputed X25519 + HSalsa20 shared
 * key ({@link dev.meshmq.transport.curve.CurveCrypto}) and XSalsa20-Poly1305 boxes in libsodium's
 * layout ({@link dev.meshmq.transport.curve.BoxKey}). X25519 comes from the JDK, XSalsa20, HSalsa20 and
 * Poly1305 from Bouncy Castle; nothing here implements a primitive itself.
 *
 * <p>Not part of the user API: exported to the patterns module only.
 */
package dev.meshmq.transport.curve;
