package dev.meshmq.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The hidden {@code spin-load --threads N} sub-command, run in a child JVM by {@link BackgroundLoad}:
 * starts N platform threads that spin on a volatile counter, prints {@code SPINNING N}, and stops them
 * when its stdin ends (the parent closed it, or the parent died).
 *
 * <p>Thread-safety: the spinning threads share only the volatile stop flag and counter; {@link #run} is
 * called once, on the main thread.
 */
final class SpinLoad {

    static final String COMMAND = "spin-load";
    static final String READY = "SPINNING";

    private volatile boolean stop;
    private volatile long counter;

    private SpinLoad() {
    }

    /**
     * Runs the sub-command until {@code input} ends.
     *
     * @param args the arguments after the sub-command: {@code --threads N}
     * @param input the control channel, normally {@code System.in}
     * @param out where the ready line goes
     * @return the exit code: 0, or 2 for a bad command line
     */
    static int run(List<String> args, InputStream input, PrintStream out) {
        if (args.size() != 2 || !"--threads".equals(args.get(0)) || !args.get(1).matches("[0-9]{1,3}")) {
            out.println("usage: " + COMMAND + " --threads N");
            return 2;
        }
        int threads = Integer.parseInt(args.get(1));
        SpinLoad load = new SpinLoad();
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread spinner = new Thread(load::spin, "meshmq-bench-spin-load-" + i);
            spinner.setDaemon(true);
            spinner.start();
            spinners.add(spinner);
        }
        out.println(READY + " " + threads);
        out.flush();
        drain(input);
        load.stop = true;
        for (Thread spinner : spinners) {
            try {
                spinner.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return 0;
    }

    private void spin() {
        while (!stop) {
            counter++;
        }
    }

    private static void drain(InputStream input) {
        byte[] buffer = new byte[256];
        try {
            while (input.read(buffer) >= 0) {
                continue;
            }
        } catch (IOException e) {
            // a broken control channel means the parent is gone: stop as at end of input
            return;
        }
    }
}
