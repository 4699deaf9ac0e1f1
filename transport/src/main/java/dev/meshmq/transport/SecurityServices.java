package dev.meshmq.transport;

/**
 * What the connections of one context share for security: the authentication thread and the CURVE
 * servers' cookie keys.
 *
 * <p>Thread-safety: immutable; both parts are safe for any thread.
 *
 * @param authentication judges peers off the I/O threads
 * @param cookies the cookie keys of CURVE servers
 */
record SecurityServices(AuthenticationService authentication, CurveCookieJar cookies) {
}
