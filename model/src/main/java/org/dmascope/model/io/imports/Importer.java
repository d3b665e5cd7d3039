package org.dmascope.model.io.imports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.dmascope.model.addresses.TopologyChecks;
import org.dmascope.model.io.LoadResult;
import org.dmascope.model.io.formats.Detection;
import org.dmascope.model.io.formats.DocumentFormat;
import org.dmascope.model.io.formats.FactsFormat;
import org.dmascope.model.io.formats.ImportFormats;
import org.dmascope.model.io.formats.RefusedFormat;
import org.dmascope.model.io.merge.ImportedSource;
import org.dmascope.model.io.merge.MachineFacts;
import org.dmascope.model.io.merge.TopologyMerger;
import org.dmascope.model.io.pciids.PciIdSource;
import org.dmascope.model.io.source.BoundedFiles;
import org.dmascope.model.io.source.Checkpoint;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.ImportCancelledException;
import org.dmascope.model.io.source.SourceText;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Report;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.topology.TopologyValidator;

/**
 * Imports what real machines export (lspci trees, listings, hex dumps and machine-readable output,
 * IOMMU group listings, hwloc XML, NCCL topology XML, nvidia-smi topo output) into one topology: each
 * file's format is detected, read into facts, the files are merged and the result validated. Several
 * files of one machine merge into one machine. A topology JSON file is read as such (alone). Which
 * formats exist is the {@link ImportFormats}' business; the importer only knows that a format is read
 * into facts, opened whole, or refused.
 *
 * <p>Bad input never throws: every problem ends up in the report with the file and line. The import
 * runs on the caller's thread; {@code progress} hears about each file and every few hundred lines, and
 * {@code cancelled} is polled as often, so a GUI can run it in the background and stop it.
 */
public final class Importer {
    /** Files larger than this are refused before reading: the largest real lspci -vvvxxxx dump is a few MiB. */
    public static final long MAX_FILE_BYTES = 64L << 20;

    private final ImportFormats formats;
    private final PciIdSource pciIds;

    /** An importer that completes names and IDs with the pci.ids dmascope ships. */
    public Importer(ImportFormats formats) {
        this(formats, PciIdSource.shipped());
    }

    /**
     * @param formats what files are detected and read as
     * @param pciIds  the pci.ids that completes what the exports leave out: IDs of functions they only
     *                name, names of functions they only give by ID (read on the first import that needs it)
     */
    public Importer(ImportFormats formats, PciIdSource pciIds) {
        this.formats = formats;
        this.pciIds = pciIds;
    }

    /**
     * Imports files from disk with the {@linkplain ImportFormats#standard() standard formats} and the
     * shipped pci.ids (tests, scenarios).
     */
    public static ImportResult importFiles(List<Path> files, ImportProgress progress, BooleanSupplier cancelled) {
        return new Importer(ImportFormats.standard()).fromFiles(files, progress, cancelled);
    }

    /** Imports files already in memory with the standard formats (pasted text, tests, benchmarks). */
    public static ImportResult importInputs(List<ImportInput> inputs, ImportProgress progress,
            BooleanSupplier cancelled) {
        return new Importer(ImportFormats.standard()).fromInputs(inputs, progress, cancelled);
    }

    /** The formats this importer reads. */
    public ImportFormats formats() {
        return formats;
    }

    /** The pci.ids this importer completes names and IDs with. */
    public PciIdSource pciIds() {
        return pciIds;
    }

    /** Imports files from disk. */
    public ImportResult fromFiles(List<Path> files, ImportProgress progress, BooleanSupplier cancelled) {
        if (files.isEmpty()) return failed(null, "no input files given");
        List<ImportInput> inputs = new ArrayList<>();
        Findings findings = new Findings();
        for (Path p : files) {
            String name = p.getFileName() == null ? p.toString() : p.getFileName().toString();
            try {
                inputs.add(new ImportInput(name, BoundedFiles.read(p, MAX_FILE_BYTES, "exports")));
            } catch (BoundedFiles.Refused e) {
                findings.error(name, 0, e.getMessage());
            }
            if (cancelled.getAsBoolean()) return cancelled(List.of());
        }
        if (findings.hasErrors()) return ImportResult.failed(new Report(findings.diagnostics()), List.of());
        return importOwned(inputs, progress, cancelled);
    }

    /** Imports files already in memory (pasted text, tests, benchmarks). */
    public ImportResult fromInputs(List<ImportInput> inputs, ImportProgress progress, BooleanSupplier cancelled) {
        return importOwned(new ArrayList<>(inputs), progress, cancelled);
    }

    /**
     * @param inputs owned by this call: each file's bytes are let go once its text is decoded, so a
     *               large export is not held twice while it is read
     */
    private ImportResult importOwned(List<ImportInput> inputs, ImportProgress progress, BooleanSupplier cancelled) {
        if (inputs.isEmpty()) return failed(null, "no input files given");
        String lastName = inputs.get(inputs.size() - 1).name();
        int count = inputs.size();
        Findings findings = new Findings();
        long total = 0;
        for (ImportInput in : inputs) total += in.content().length;
        List<ImportedSource> sources = new ArrayList<>();
        List<SourceText> texts = new ArrayList<>();
        long done = 0;
        for (int k = 0; k < count; k++) {
            ImportInput in = inputs.get(k);
            inputs.set(k, null);
            long size = in.content().length;
            if (size > MAX_FILE_BYTES) {
                findings.error(in.name(), 0, "the file is larger than " + (MAX_FILE_BYTES >> 20)
                        + " MiB; it was not read");
                continue;
            }
            SourceText text = SourceText.decode(in.name(), in.content(), findings);
            texts.add(text);
            Detection d = formats.detect(text);
            if (d.format() instanceof RefusedFormat refused) {
                findings.error(in.name(), d.line(), refused.refusal());
                continue;
            }
            if (d.format() instanceof DocumentFormat document) {
                if (count == 1) {
                    try {
                        return opened(document.read(text, () -> {
                            if (cancelled.getAsBoolean()) throw new ImportCancelledException();
                        }), text);
                    } catch (ImportCancelledException e) {
                        return cancelled(texts);
                    }
                }
                findings.error(in.name(), d.line(),
                        "a " + document.name() + " file describes a whole machine and cannot be"
                        + " merged with exports; open it on its own");
                continue;
            }
            FactsFormat format = (FactsFormat) d.format();
            String name = in.name();
            in = null; // the text is all a reader needs
            Checkpoint checkpoint = checkpoint(name, size, k, count, done, total, progress, cancelled);
            try {
                checkpoint.reached(0, text.lineCount());
                MachineFacts facts = format.read(text, findings, checkpoint);
                // A tool report alone (nvidia-smi names no PCI address) is what such a file can say.
                if (facts.functions().isEmpty() && facts.hostBridges().isEmpty() && facts.toolReports().isEmpty()
                        && !findings.hasErrors()) {
                    findings.error(name, d.line(), "this file was recognised as " + format.name()
                            + ", but no PCI function could be read from it");
                }
                sources.add(new ImportedSource(name, format.name(), formats.machineName(name), facts));
            } catch (ImportCancelledException e) {
                return cancelled(texts);
            } catch (RuntimeException e) {
                // A defect of dmascope, not of the file: say so plainly and keep the report.
                findings.error(name, 0, "internal error while reading this file (" + e
                        + "); please report it with the file");
            }
            done += size;
        }
        if (cancelled.getAsBoolean()) return cancelled(texts);
        if (findings.hasErrors()) return ImportResult.failed(new Report(findings.diagnostics()), texts);
        Topology t;
        try {
            t = TopologyMerger.merge(sources, findings, Optional.of(pciIds));
        } catch (RuntimeException e) {
            findings.error(null, 0, "internal error while merging the files (" + e
                    + "); please report it with the files");
            return ImportResult.failed(new Report(findings.diagnostics()), texts);
        }
        if (t.functions().isEmpty() && t.reports().isEmpty()) {
            findings.warning(sources.get(0).file(), 0,
                    "no PCI function was found; the topology has only its host bridges");
        }
        try {
            validate(t, findings, () -> {
                if (cancelled.getAsBoolean()) throw new ImportCancelledException();
            });
        } catch (ImportCancelledException e) {
            return cancelled(texts);
        }
        Report report = new Report(findings.diagnostics());
        progress.update(new ImportProgress.Step(lastName, count - 1, count, total, total, 0, 0));
        return new ImportResult(report.hasErrors() ? Optional.empty() : Optional.of(t), report, false, false, texts);
    }

    private static Checkpoint checkpoint(String name, long size, int index, int count, long done, long total,
                                         ImportProgress progress, BooleanSupplier cancelled) {
        return (line, lines) -> {
            if (cancelled.getAsBoolean()) throw new ImportCancelledException();
            long within = lines <= 0 ? 0 : (long) ((double) size * line / lines);
            progress.update(new ImportProgress.Step(name, index, count, done + within, total, line, lines));
        };
    }

    /** Validator findings name a device or host bridge; point them at the line that listed it. */
    private static void validate(Topology t, Findings findings, Runnable checkpoint) {
        Map<String, SourceRef> where = new HashMap<>();
        for (PciFunction f : t.functions()) f.provenance().of("address").ifPresent(r -> where.put(f.address()
                .toString(), r));
        Map<HostBridge, String> hosts = TopologyValidator.HostBridgeSubject.of(t.hostBridges());
        for (HostBridge hb : t.hostBridges()) {
            hb.provenance().of("rootBus").ifPresent(r -> where.put(hosts.get(hb), r));
        }
        for (Diagnostic d : TopologyChecks.validate(t, checkpoint)) {
            SourceRef r = d.subject().map(where::get).orElse(null);
            findings.add(r == null ? d : d.at(r.file(), r.line(), 0));
        }
    }

    private static ImportResult opened(LoadResult r, SourceText text) {
        return new ImportResult(r.topology(), r.report(), false, true, List.of(text));
    }

    private static ImportResult failed(String file, String message) {
        Findings f = new Findings();
        f.error(file, 0, message);
        return ImportResult.failed(new Report(f.diagnostics()), List.of());
    }

    private static ImportResult cancelled(List<SourceText> texts) {
        Findings f = new Findings();
        f.add(Diagnostic.error("the import was cancelled"));
        return new ImportResult(Optional.empty(), new Report(f.diagnostics()), true, false, texts);
    }
}
