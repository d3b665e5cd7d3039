package org.dmascope.model.io.imports;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.TopologyValidator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged copies of every corpus file (cut anywhere, lines dropped or repeated, bytes flipped, a huge
 * line inserted) and inputs that are no export at all: each must end in a topology or in the
 * importer's own error report, within a bounded time, and never in a defect. Seeds are fixed, so a
 * failure names the case that reproduces it.
 */
class ImportMutationTest {
    private static final long SEED = 0x5EED_1DEAL;
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private record Mutation(String name, BiFunction<byte[], Random, byte[]> apply) {
    }

    private static final List<Mutation> MUTATIONS = List.of(
            new Mutation("truncate", (b, r) -> Arrays.copyOf(b, r.nextInt(b.length + 1))),
            new Mutation("truncate-early", (b, r) -> Arrays.copyOf(b, r.nextInt(Math.max(1, b.length / 10)))),
            new Mutation("drop-lines", (b, r) -> editLines(b, r, (lines, rnd) -> {
                for (int k = 0; k < 5 && !lines.isEmpty(); k++) lines.remove(rnd.nextInt(lines.size()));
            })),
            new Mutation("duplicate-lines", (b, r) -> editLines(b, r, (lines, rnd) -> {
                if (lines.isEmpty()) return;
                int from = rnd.nextInt(lines.size());
                int to = Math.min(lines.size(), from + 1 + rnd.nextInt(20));
                lines.addAll(to, new ArrayList<>(lines.subList(from, to)));
            })),
            new Mutation("swap-lines", (b, r) -> editLines(b, r, (lines, rnd) -> {
                if (lines.size() < 2) return;
                java.util.Collections.swap(lines, rnd.nextInt(lines.size()), rnd.nextInt(lines.size()));
            })),
            new Mutation("flip-bytes", (b, r) -> {
                byte[] c = b.clone();
                for (int k = 0; k < 16 && c.length > 0; k++) c[r.nextInt(c.length)] ^= (byte) (1 << r.nextInt(8));
                return c;
            }),
            new Mutation("long-line", (b, r) -> editLines(b, r, (lines, rnd) -> {
                String unit = switch (rnd.nextInt(3)) {
                    case 0 -> "+-00.0-[01]--";
                    case 1 -> "\tCapabilities: [40] Express (v2) Root Port (Slot+) ";
                    default -> "00: 86 80 ";
                };
                lines.add(lines.isEmpty() ? 0 : rnd.nextInt(lines.size()), unit.repeat(200_000 / unit.length()));
            })));

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Path file : Corpus.files()) {
            byte[] bytes = read(file);
            String name = file.getFileName().toString();
            for (Mutation m : MUTATIONS) {
                long seed = SEED ^ name.hashCode() ^ m.name().hashCode();
                out.add(Arguments.of(name + " " + m.name() + " seed=" + Long.toHexString(seed), name,
                        m.apply().apply(bytes, new Random(seed))));
            }
        }
        Random r = new Random(SEED);
        byte[] noise = new byte[64 * 1024];
        r.nextBytes(noise);
        out.add(Arguments.of("empty", "empty.txt", new byte[0]));
        out.add(Arguments.of("binary noise", "noise.bin", noise));
        out.add(Arguments.of("one huge line", "huge.txt", "-[0000:00]-+-".concat("00.0-[01]--".repeat(400_000))
                .getBytes(StandardCharsets.UTF_8)));
        out.add(Arguments.of("deep tree", "deep.txt", deepTree().getBytes(StandardCharsets.UTF_8)));
        out.add(Arguments.of("no-break spaces only", "nbsp.txt",
                "\u00a0\u00a0\n\u00a0".getBytes(StandardCharsets.UTF_8)));
        out.add(Arguments.of("invalid UTF-8 listing", "latin1.txt",
                "00:00.0 Host bridge: Caf\u00e9 Corp\n".getBytes(StandardCharsets.ISO_8859_1)));
        return out.stream();
    }

    /** A tree 250 bridges deep on one line: the reader must not recurse itself to death. */
    private static String deepTree() {
        StringBuilder sb = new StringBuilder("-[0000:00]-");
        for (int bus = 1; bus < 250; bus++) sb.append(String.format("--00.0-[%02x-f9]-", bus));
        return sb.append("---00.0\n").toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsInATopologyOrTheImportersOwnReport(String label, String name, byte[] content) {
        ImportResult r = assertTimeoutPreemptively(LIMIT,
                () -> Importer.importInputs(List.of(new ImportInput(name, content)), ImportProgress.NONE, () -> false),
                        label);
        assertNotNull(r);
        ImportTesting.assertNoInternalError(r);
        if (r.ok()) {
            assertTrue(TopologyValidator.validate(r.topology().get()).stream().noneMatch(d -> d.isError()), label);
            assertFalse(r.report().hasErrors(), label);
        } else {
            assertTrue(r.report().hasErrors(), () -> label + ": a failed import must say why");
            assertTrue(r.report().errors().stream().allMatch(d -> d.file().isPresent() || d.subject().isPresent()),
                    () -> label + ": every error names its file or device\n" + r.report().toText());
        }
    }

    private interface LineEdit {
        void edit(List<String> lines, Random r);
    }

    private static byte[] editLines(byte[] b, Random r, LineEdit e) {
        List<String> lines = new ArrayList<>(Arrays.asList(new String(b, StandardCharsets.UTF_8).split("\n", -1)));
        e.edit(lines, r);
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
