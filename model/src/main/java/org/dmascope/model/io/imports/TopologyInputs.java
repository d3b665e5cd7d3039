package org.dmascope.model.io.imports;

import java.nio.file.Path;
import java.util.List;

import org.dmascope.model.io.LoadResult;

/**
 * Turns the files a user names (on the command line or in File ▸ Open) into one topology: a topology
 * JSON file, or any exports dmascope imports (lspci trees, listings and hex dumps, -vmm output, IOMMU
 * group listings, hwloc XML, NCCL topology XML, nvidia-smi topo output), several of one machine merged
 * into one (see {@link Importer}).
 */
public final class TopologyInputs {
    private TopologyInputs() {
    }

    /** Loads the files with the standard formats and the shipped pci.ids. */
    public static LoadResult load(List<Path> files) {
        return Importer.importFiles(files, ImportProgress.NONE, () -> false).toLoadResult();
    }

    /** Loads the files with {@code importer}'s formats and pci.ids. */
    public static LoadResult load(List<Path> files, Importer importer) {
        return importer.fromFiles(files, ImportProgress.NONE, () -> false).toLoadResult();
    }
}
