package org.dmascope.app.cli;

import java.io.PrintStream;
import java.io.Writer;
import java.nio.CharBuffer;

/**
 * Lets picocli's help, version and completion text go through the same {@link PrintStream} as the
 * commands' results, in that stream's charset (Java 17 cannot ask a stream for its charset).
 */
final class PrintStreamWriter extends Writer {
    private final PrintStream stream;

    PrintStreamWriter(PrintStream stream) {
        this.stream = stream;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        stream.append(CharBuffer.wrap(chars, offset, length));
    }

    @Override
    public void flush() {
        stream.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
