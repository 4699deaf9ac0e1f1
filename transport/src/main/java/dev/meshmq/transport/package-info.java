/**
 * MeshMQ's transport layer: the {@link dev.meshmq.transport.Pipe} that carries whole messages between
 * a socket and one peer, the I/O threads that drive tcp and ipc connections, the inproc registry, and
 * the links ({@link dev.meshmq.transport.PeerLink}) that pair an inbound and an outbound pipe. Only the
 * patterns module uses it.
 *
 * <h2>Threading rules</h2>
 *
 * <ul>
 *   <li>A socket's own thread and the I/O threads hand each other messages only through pipes, and
 *       work only through tasks posted to an {@link dev.meshmq.transport.IoThread}; the few objects
 *       shared otherwise (the inproc registry) say how they lock. Every class states which thread may
 *       call what.
 *   <li>A pipe has one writer thread and one reader thread. The writer calls {@code write},
 *       {@code writeHoldingWakeup}, {@code releaseWakeup}, {@code hasRoom}, {@code hasRoomOrWatch} and
 *       {@code closeWriting}; the reader calls {@code read} and {@code closeReading}; any thread may
 *       call {@code setHighWaterMark} and the read-only queries.
 *   <li>Wake-up listeners run on whichever thread disarmed them (possibly the other end's), so they
 *       only post a task or unpark a thread: they never block and never call back into the pipe.
 * </ul>
 *
 * <h2>The wake-up contract of a pipe</h2>
 *
 * <p>Each end has one listener ({@link dev.meshmq.transport.PipeReaderListener#onReadable()},
 * {@link dev.meshmq.transport.PipeWriterListener#onWritable()}), registered once, and one armed flag
 * that the pipe owns ({@code readerArmed}, {@code writerArmed}, both volatile, kept with the closed flags
 * and the arming steps in {@code PipeSignals}). An end arms when it is
 * about to answer "nothing to do": a read that finds the pipe empty, a write or {@code hasRoom} that
 * finds it full. The rules:
 *
 * <ol>
 *   <li>Only an end's own thread sets its flag, with a volatile store. (A reader that finds the pipe
 *       empty again while still armed stores it again; whoever clears it owes both reads one wake-up.)
 *   <li>Every party that may let an armed end go on clears the flag with a compare-and-set from true to
 *       false. The flag is cleared once per arming, so exactly one party wins. The winner runs the
 *       listener, with one exception: when the arming call itself wins (it looked again and found it
 *       can go on), it answers yes instead, and no listener runs. A call that loses to another party
 *       answers no: the winner runs the listener. So a call that armed and answers no is followed by
 *       exactly one wake-up, and one that answers yes by none; a refused writer that finds itself
 *       still armed from an earlier refusal answers no at once and is owed that earlier wake-up.
 *   <li>A call that sees the other end closed before it arms answers no and arms nothing; the caller
 *       learns it from {@code isReaderClosed()} or {@code isDrainedAndClosed()}. An end that saw the
 *       close only after arming is still woken once (by the closer, or by itself), so a caller that
 *       checked for the close before the call is never left waiting.
 * </ol>
 *
 * <h2>Why no wake-up is lost: the memory-ordering argument</h2>
 *
 * <p>Each race is Dekker's pattern: the end stores its flag and then loads the state it waits on; the
 * other party stores that state and then loads the flag. Volatile accesses are sequentially
 * consistent in the Java memory model (a volatile store followed by a volatile load in one thread
 * cannot be reordered: on x86 the store is followed by a full fence, {@code lock add}), so in any
 * execution at least one of the two loads sees the other thread's store: either the end sees the
 * change and disarms itself, or the other party sees the flag and disarms it. Both may see each other;
 * then the compare-and-set picks one, so the wake-up is not doubled. The pairs:
 *
 * <table>
 *   <caption>Store-then-load pairs</caption>
 *   <tr><th>Arming end: stores, then loads</th><th>Other party: stores, then loads</th></tr>
 *   <tr><td>writer ({@code hasRoom}): {@code writerArmed}, then {@code hwm}, the reader's count and
 *       {@code readerClosed}</td>
 *       <td>reader ({@code read}): its count, then {@code writerArmed} (it disarms at the low-water
 *       mark); {@code setHighWaterMark}: {@code hwm}, then {@code writerArmed} (it disarms if the new
 *       mark leaves room); {@code closeReading}: {@code readerClosed}, then {@code writerArmed}</td></tr>
 *   <tr><td>reader ({@code read}): {@code readerArmed}, then the writer's count and
 *       {@code writerClosed}</td>
 *       <td>writer ({@code write}): its count, then {@code readerArmed}; {@code closeWriting}:
 *       {@code writerClosed}, then {@code readerArmed}</td></tr>
 * </table>
 *
 * <p>Two details make the writer's side hold. First, after arming the writer looks at the mark again:
 * the value it read on entry may be older than a raise whose {@code setHighWaterMark} read the flag
 * before the store, and only the fresh read is ordered after the store. Second, {@code write} and
 * {@code hasRoomOrWatch} test {@code readerClosed} on entry, but a close may land between that test
 * and the arming; only the test after the store of the flag is ordered against {@code closeReading},
 * and when it sees the close the writer disarms itself and runs its own listener (it won the
 * compare-and-set, so {@code closeReading} did not and will not).
 *
 * <p>{@code writeHoldingWakeup} publishes its count with a release store and no fence, so a later load
 * of {@code readerArmed} may pass it; {@code releaseWakeup} puts the missing full fence
 * ({@link java.lang.invoke.VarHandle#fullFence()}) before it loads the flag, which restores the
 * store-then-load order for the batch as a whole. A conflating pipe's message slot is an
 * {@link java.util.concurrent.atomic.AtomicReference} whose {@code getAndSet} is a full fence, so it
 * takes the place of the writer's count store in the same argument.
 *
 * <p>Messages and counts: a slot is written before the writer's count store that covers it and read
 * after a load of that count, so a message is always seen whole. Each end's count is written only by
 * its own thread.
 */
package dev.meshmq.transport;
