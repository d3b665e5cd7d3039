package org.dmascope.model.kernel.trace;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.kernel.swiotlb.SwiotlbAllocation;

/**
 * Collects what the kernel code did during one mapping call, for the step narration: bounce
 * buffers taken, IOVA ranges allocated, lines the kernel would log, and notes on which kernel
 * version's behaviour applied.
 */
public final class MapTrace {
    /** One IOVA allocation. */
    public record IovaAllocation(long iova, long bytes, long pagesAllocated, boolean fromRangeCache, boolean above32Bit,
                                 long limit) {
    }

    private final List<SwiotlbAllocation> bounces = new ArrayList<>();
    private final List<SwiotlbAllocation> released = new ArrayList<>();
    private final List<IovaAllocation> iovas = new ArrayList<>();
    private final List<String> kernelLog = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String bounceFailure;

    public void bounced(SwiotlbAllocation a) {
        bounces.add(a);
    }

    public void bounceReleased(SwiotlbAllocation a) {
        released.add(a);
    }

    public void bounceFailed(String kernelMessage) {
        bounceFailure = kernelMessage;
        kernelLog.add(kernelMessage);
    }

    public void iova(IovaAllocation a) {
        iovas.add(a);
    }

    public void log(String kernelMessage) {
        if (!kernelLog.contains(kernelMessage)) kernelLog.add(kernelMessage);
    }

    public void note(String note) {
        if (!notes.contains(note)) notes.add(note);
    }

    /** Bounce buffers still held (taken and not released by an error unwind). */
    public List<SwiotlbAllocation> bounces() {
        List<SwiotlbAllocation> out = new ArrayList<>(bounces);
        out.removeAll(released);
        return out;
    }

    public List<IovaAllocation> iovas() {
        return iovas;
    }

    public List<String> kernelLog() {
        return kernelLog;
    }

    public List<String> notes() {
        return notes;
    }

    /** The "swiotlb buffer is full" message when a bounce failed, else null. */
    public String bounceFailure() {
        return bounceFailure;
    }
}
