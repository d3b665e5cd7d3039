package org.dmascope.model.io.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a user's file with bounds: only a regular file (a FIFO with no writer would block for ever, a
 * device such as /dev/zero never ends), and never more than the limit plus one byte, whatever the
 * file system says its size is. Every refusal is a sentence for the user.
 */
public final class BoundedFiles {
    private BoundedFiles() {
    }

    /** Why a file cannot be read, in words. */
    public static final class Refused extends IOException {
        public Refused(String reason) {
            super(reason, null);
        }
    }

    /**
     * The file's bytes.
     *
     * @param what how the limit names the file's kind ("exports", "topology files")
     * @throws Refused with the reason: missing, not a regular file, not readable, larger than the limit
     */
    public static byte[] read(Path path, long limit, String what) throws Refused {
        if (Files.isDirectory(path)) throw new Refused("this is a folder, not a file");
        if (!Files.exists(path)) throw new Refused("the file does not exist: " + path);
        if (!Files.isRegularFile(path)) {
            throw new Refused("this is not a regular file (a pipe, a device or a socket); save the export to a file "
                    + "first");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = readAtMost(in, Files.size(path), (int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new Refused("the file is larger than " + (limit >> 20) + " MiB; " + what
                        + " larger than that are not read");
            }
            return bytes;
        } catch (Refused e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new Refused("the file does not exist: " + path);
        } catch (AccessDeniedException e) {
            throw new Refused("permission denied: this user may not read the file");
        } catch (IOException e) {
            throw new Refused("the file could not be read: " + (e.getMessage() == null ? e.getClass()
                    .getSimpleName() : e.getMessage()));
        }
    }

    /** Bytes asked of the stream at once: a file channel reads through a native buffer of the size asked. */
    private static final int CHUNK = 1 << 20;

    /**
     * Reads into one array sized from what the file system says (a file may grow or shrink meanwhile,
     * so the size is only a hint): a 60 MB export becomes one 60 MB array, not thousands of chunks, and
     * when the size was right, that very array is returned. Each read asks for at most {@link #CHUNK}:
     * a file channel copies through a temporary native buffer as large as the read, which the thread
     * then keeps — one 60 MB read would hold 60 MB outside the heap for as long as the program runs.
     */
    private static byte[] readAtMost(InputStream in, long sizeHint, int max) throws IOException {
        byte[] buf = new byte[(int) Math.min(max, Math.max(8192, sizeHint))];
        int n = 0;
        while (n < max) {
            if (n == buf.length) {
                // Full as the size said: one more byte tells whether the file grew (or said no size, as /proc does).
                int next = in.read();
                if (next < 0) break;
                buf = Arrays.copyOf(buf, (int) Math.min(max, (long) buf.length * 2));
                buf[n++] = (byte) next;
                continue;
            }
            int r = in.read(buf, n, Math.min(CHUNK, buf.length - n));
            if (r < 0) break;
            n += r;
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }
}
