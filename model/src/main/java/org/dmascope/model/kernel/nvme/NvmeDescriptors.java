package org.dmascope.model.kernel.nvme;

import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-NVME-1: what nvme-pci writes to describe a request's DMA segments (drivers/nvme/host/pci.c,
 * {@code nvme_pci_setup_prps()} / {@code nvme_pci_setup_sgls()}; the controller page is {@code NVME_CTRL_PAGE_SIZE}
 * = 4 KiB).
 * <ul>
 *   <li>PRP: one entry per controller page the data touches. PRP1 and PRP2 sit in the command; beyond two pages
 *       PRP2 points to a list page of 512 entries whose last entry chains to the next list page. Every segment but
 *       the first must start on a page and every segment but the last must end on one, else PRPs cannot describe
 *       the request;</li>
 *   <li>SGL: one 16-byte data block descriptor per DMA segment; a single segment sits in the command, more go in a
 *       list the command's segment descriptor points to.</li>
 * </ul>
 */
@KernelRule("R-NVME-1")
public final class NvmeDescriptors {
    /** {@code NVME_CTRL_PAGE_SIZE}. */
    public static final long CTRL_PAGE = 4096;
    /** PRP entries per list page. */
    public static final int PRPS_PER_PAGE = (int) (CTRL_PAGE / 8);
    /** Bytes of an SGL descriptor. */
    public static final int SGL_DESC_BYTES = 16;

    /**
     * @param prpEntries    PRP entries in all (-1 when PRPs cannot describe the segments)
     * @param prpListPages  list pages besides the command's two entries
     * @param sglDescriptors data block descriptors
     * @param sglListBytes  bytes of the SGL list outside the command
     */
    public record Result(long prpEntries, long prpListPages, int sglDescriptors, long sglListBytes) {
        public boolean prpPossible() {
            return prpEntries >= 0;
        }
    }

    private NvmeDescriptors() {
    }

    public static Result of(long[] addr, long[] len, int n) {
        long prps = 0;
        boolean ok = true;
        for (int i = 0; i < n; i++) {
            long start = addr[i];
            long end = addr[i] + len[i];
            if (i > 0 && (start & (CTRL_PAGE - 1)) != 0) ok = false;
            if (i < n - 1 && (end & (CTRL_PAGE - 1)) != 0) ok = false;
            prps += ((end + CTRL_PAGE - 1) / CTRL_PAGE) - (start / CTRL_PAGE);
        }
        long listPages = 0;
        if (ok && prps > 2) {
            long inList = prps - 1;
            // a page that chains on holds 511 entries, the last page 512
            long beyondFirst = Math.max(0, inList - PRPS_PER_PAGE);
            listPages = 1 + (beyondFirst + PRPS_PER_PAGE - 2) / (PRPS_PER_PAGE - 1);
        }
        return new Result(ok ? prps : -1, ok ? listPages : 0, n, n > 1 ? (long) n * SGL_DESC_BYTES : 0);
    }
}
