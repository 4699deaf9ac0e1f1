/**
 * The ZMTP 3.1 wire codec (RFC 23/ZMTP and 37/ZMTP): greeting, frames, commands and their errors.
 * Every class here is single-threaded: it is owned by one I/O thread at a time.
 */
package dev.meshmq.transport.zmtp;
