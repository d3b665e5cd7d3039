package org.dmascope.model.kernel.dma;

/** The kernel error codes the mapping paths return, with their numbers from {@code errno-base.h}/{@code errno.h}. */
public enum Errno {
    EIO(5, "I/O error: the address cannot be reached by the device"),
    ENODEV(19, "no such device: the exporter revoked the memory"),
    ENOMEM(12, "out of IOVA space"),
    EEXIST(17, "an I/O page-table entry is already in use"),
    EINVAL(22, "invalid argument"),
    EOPNOTSUPP(95, "operation not supported"),
    EREMOTEIO(121, "peer-to-peer DMA between these devices is not supported");

    private final int number;
    private final String meaning;

    Errno(int number, String meaning) {
        this.number = number;
        this.meaning = meaning;
    }

    public int number() {
        return number;
    }

    public String meaning() {
        return meaning;
    }

    /** {@code -EREMOTEIO} as the kernel returns it. */
    public String negated() {
        return "-" + name();
    }
}
