package org.dmascope.app.start;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * What a class-data archive was made from, as a file-name-safe key: the jar's contents and the Java runtime.
 * The JVM itself only compares the jar's size and modification time with those it recorded, so a jar replaced
 * by another of the same size and time would be run with the old classes; the key also covers the jar's
 * central directory, which holds the CRC-32 and size of every entry, so any changed class changes the key.
 * Reading the directory (a few hundred KiB at the end of the jar) instead of the whole 18 MB jar keeps this
 * to about a millisecond.
 */
public final class ArchiveKey {
    private static final int END_RECORD = 0x06054b50;
    private static final int END_RECORD_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;

    private ArchiveKey() {
    }

    /**
     * @param jar     the application jar the archive's classes come from
     * @param runtime what identifies the Java runtime (its home, VM and runtime versions)
     * @return sixteen hex digits; a jar whose directory cannot be read is keyed by its size and time instead
     */
    public static String of(Path jar, String runtime) throws IOException {
        CRC32 contents = new CRC32();
        CRC32 rest = new CRC32();
        long size = Files.size(jar);
        byte[] directory = centralDirectory(jar, size);
        if (directory.length > 0) {
            contents.update(directory);
        } else {
            contents.update(Long.toString(Files.getLastModifiedTime(jar).toMillis()).getBytes(StandardCharsets.UTF_8));
        }
        rest.update((size + "|" + jar.toAbsolutePath().normalize() + "|" + runtime).getBytes(StandardCharsets.UTF_8));
        return String.format("%08x%08x", contents.getValue(), rest.getValue());
    }

    /** The central directory's bytes, or none when the end record is missing or points outside the file. */
    static byte[] centralDirectory(Path jar, long size) throws IOException {
        if (size < END_RECORD_SIZE) return new byte[0];
        try (FileChannel ch = FileChannel.open(jar, StandardOpenOption.READ)) {
            int tailLength = (int) Math.min(size, END_RECORD_SIZE + MAX_COMMENT);
            ByteBuffer tail = ByteBuffer.allocate(tailLength).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(tail, size - tailLength);
            for (int at = tailLength - END_RECORD_SIZE; at >= 0; at--) {
                if (tail.getInt(at) != END_RECORD) continue;
                long dirSize = Integer.toUnsignedLong(tail.getInt(at + 12));
                long dirOffset = Integer.toUnsignedLong(tail.getInt(at + 16));
                // Zip64 (0xFFFFFFFF) and damaged jars: no directory to key by.
                if (dirSize == 0 || dirSize > Integer.MAX_VALUE || dirOffset + dirSize > size) return new byte[0];
                ByteBuffer dir = ByteBuffer.allocate((int) dirSize);
                while (dir.hasRemaining()) {
                    if (ch.read(dir, dirOffset + dir.position()) < 0) return new byte[0];
                }
                return dir.array();
            }
            return new byte[0];
        }
    }
}
