package org.dmascope.model.kernel.profile;

/**
 * A kernel release as the rules ask about it: "is this v6.15 or later?". {@link KernelProfile} is the
 * product's choice of kernel; rules whose behaviour changed at a release that no profile stands for
 * (the ACS command-line options of v6.11 – v6.14, say) take a version, so their vectors can name any
 * release they were read in ({@link #of}).
 */
public interface KernelVersion {
    /** True when this kernel is version {@code major.minor} or newer. */
    boolean atLeast(int major, int minor);

    /** How the kernel is named in messages: {@code Linux 6.19 (mainline)}. */
    String label();

    /** Release {@code major.minor}. */
    static KernelVersion of(int major, int minor) {
        return new Release(major, minor);
    }

    /** A release that is not a profile. */
    record Release(int major, int minor) implements KernelVersion {
        @Override
        public boolean atLeast(int ma, int mi) {
            return major > ma || (major == ma && minor >= mi);
        }

        @Override
        public String label() {
            return "Linux " + major + "." + minor;
        }
    }
}
