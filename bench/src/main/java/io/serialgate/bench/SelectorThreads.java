package io.serialgate.bench;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/** What the benchmark's single-threaded selector loops share. */
final class SelectorThreads {

    private SelectorThreads() {}

    /**
     * Stops a loop whose thread runs while its running flag is set (the caller has just cleared
     * it): wakes the selector, waits for the thread, closes every channel and the selector.
     */
    static void stop(Selector selector, Thread thread) {
        selector.wakeup();
        try {
            thread.join(2000);
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException | InterruptedException ignored) {
            // closing anyway
        }
    }
}
