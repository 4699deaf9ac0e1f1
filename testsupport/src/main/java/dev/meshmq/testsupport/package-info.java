/**
 * The one place for helpers that the tests of several modules share (Maven module {@code testsupport},
 * a test-scope dependency of transport, patterns, examples and bench; not published API): unique endpoints
 * ({@code Endpoints}), a raw ZMTP peer that writes and reads bytes on a tcp connection
 * ({@code RawZmtpPeer}), a monitor listener that records and awaits events ({@code MonitorEvents}),
 * a test thread whose outcome can be awaited ({@code Worker}) and a tcp relay that can be frozen
 * ({@code FreezableRelay}). Awaiting is done with timeouts (Awaitility or futures), never with sleeps.
 *
 * <p>Threading: each helper states its own; {@code Endpoints} is safe for any thread, the others
 * belong to the test thread that created them unless their documentation says otherwise.
 */
package dev.meshmq.testsupport;
