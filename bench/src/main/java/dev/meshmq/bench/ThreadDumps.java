package dev.meshmq.bench;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Instant;

/**
 * A full thread dump of this JVM as text: every live thread with its whole stack (not the 8 frames
 * {@link ThreadInfo#toString()} stops at), the monitors and ownable synchronizers each one holds, what it
 * waits for and who owns that, and any deadlock the JVM can find.
 *
 * <p>Thread-safety: stateless; callable from any thread, including while other threads are stuck.
 */
final class ThreadDumps {

    private ThreadDumps() {
    }

    /**
     * Dumps every live thread of this JVM.
     *
     * @param title a first line saying which JVM this is and why it is dumped
     * @return the dump, several lines, ending with a line break
     */
    static String ofThisJvm(String title) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder text = new StringBuilder();
        text.append(title).append(" (pid ").append(ProcessHandle.current().pid()).append(", ")
                .append(Instant.now()).append(')').append(System.lineSeparator());
        for (ThreadInfo info : threads.dumpAllThreads(threads.isObjectMonitorUsageSupported(),
                threads.isSynchronizerUsageSupported())) {
            appendThread(text, info);
        }
        long[] deadlocked = threads.findDeadlockedThreads();
        if (deadlocked != null) {
            text.append("DEADLOCK between thread ids");
            for (long id : deadlocked) {
                text.append(' ').append(id);
            }
            text.append(System.lineSeparator());
        }
        return text.toString();
    }

    private static void appendThread(StringBuilder text, ThreadInfo info) {
        String eol = System.lineSeparator();
        text.append(eol).append('"').append(info.getThreadName()).append("\" id=").append(info.getThreadId())
                .append(info.isDaemon() ? " daemon" : "").append(" prio=").append(info.getPriority())
                .append(' ').append(info.getThreadState());
        if (info.getLockName() != null) {
            text.append(" on ").append(info.getLockName());
        }
        if (info.getLockOwnerName() != null) {
            text.append(" owned by \"").append(info.getLockOwnerName()).append("\" id=").append(info.getLockOwnerId());
        }
        text.append(eol);
        StackTraceElement[] stack = info.getStackTrace();
        MonitorInfo[] monitors = info.getLockedMonitors();
        for (int depth = 0; depth < stack.length; depth++) {
            text.append("\tat ").append(stack[depth]).append(eol);
            for (MonitorInfo monitor : monitors) {
                if (monitor.getLockedStackDepth() == depth) {
                    text.append("\t- locked ").append(monitor).append(eol);
                }
            }
        }
        LockInfo[] synchronizers = info.getLockedSynchronizers();
        if (synchronizers.length > 0) {
            text.append("\tLocked ownable synchronizers:").append(eol);
            for (LockInfo lock : synchronizers) {
                text.append("\t- ").append(lock).append(eol);
            }
        }
    }
}
