package org.dmascope.model.kernel.platform;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The kernel parameters dmascope does not act on, sorted for the reader: those that change ACS, groups,
 * default domains, P2PDMA, dma-direct or swiotlb in a kernel but are not modelled (named, with what they do;
 * research notes section 7), those that do not touch DMA at all (summarised), and those dmascope does not
 * know (named: it cannot tell whether they matter).
 */
final class UnmodelledParameters {
    /** Parameters that matter but are not modelled, with what they do. */
    private static final Map<String, String> MATTER = Map.ofEntries(
            Map.entry("pcie_acs_override", "not an upstream parameter (an out-of-tree patch that makes "
                    + "pci_acs_enabled() claim isolation): an upstream kernel passes it to init and groups stay as "
                    + "shown"),
            Map.entry("noacs", "not a kernel parameter: passed to init, no effect"),
            Map.entry("mem", "lowers the top of RAM, which decides whether x86 sets up swiotlb and which buffers a "
                    + "mask reaches (not modelled: the topology's memory map is used)"),
            Map.entry("memmap", "changes the memory map (not modelled: the topology's memory map is used)"),
            Map.entry("max_addr", "lowers the top of RAM (not modelled: the topology's memory map is used)"),
            Map.entry("amd_iommu_intr", "interrupt remapping only (no effect on DMA mappings)"));

    /** {@code pci=} options that matter but are not modelled. */
    private static final Map<String, String> PCI_MATTER = Map.of(
            "nommconf", "no ECAM, so no extended config space: the kernel finds no ACS capability",
            "conf1", "no ECAM, so no extended config space: the kernel finds no ACS capability",
            "conf2", "no ECAM, so no extended config space: the kernel finds no ACS capability",
            "off", "no PCI at all",
            "noari", "hides ARI functions above 7, which changes group membership",
            "pcie_scan_all", "scans every device number, which may add functions",
            "assign-busses", "renumbers buses: BDF device lists then name the new numbers",
            "realloc", "moves BARs: P2P bus addresses change, decisions do not",
            "hpbussize", "changes bus numbering below hotplug ports");

    /** Parameters that do not touch DMA decisions (or only their log output), by name or name prefix. */
    private static final Set<String> UNRELATED = Set.of("quiet", "splash", "ro", "rw", "root", "rootfstype",
            "rootflags", "rootwait", "rootdelay", "boot_image", "initrd", "init", "console", "earlycon", "earlyprintk",
            "loglevel", "ignore_loglevel", "debug", "nokaslr", "kaslr", "nosmt", "mitigations", "audit", "apparmor",
            "security", "selinux", "lsm", "resume", "resume_offset", "noresume", "crashkernel", "nomodeset",
            "hugepages", "hugepagesz", "default_hugepagesz", "transparent_hugepage", "isolcpus", "nohz_full",
            "nohz", "rcu_nocbs", "irqaffinity", "intel_pstate", "amd_pstate", "idle", "elevator", "vga", "video",
            "fbcon", "panic", "nowatchdog", "nmi_watchdog", "tsc", "clocksource", "lockdown", "cgroup_disable",
            "cgroup_enable", "numa_balancing", "numa", "acpi", "acpi_osi", "acpi_enforce_resources", "noapic",
            "nolapic", "irqpoll", "pti", "nopti", "spectre_v2", "spec_store_bypass_disable", "tsx", "l1tf", "mds",
            "retbleed", "pcie_aspm", "pcie_port_pm", "pcie_ports", "efi", "disable_early_pci_dma", "cma",
            "coherent_pool", "vfio_pci.ids", "vfio_iommu_type1.allow_unsafe_interrupts",
            "vfio.enable_unsafe_noiommu_mode", "ivrs_ioapic", "ivrs_hpet", "ivrs_acpihid", "arm_smmu.disable_bypass",
            "arm_smmu_v3.disable_bypass", "biosdevname", "net.ifnames", "ipv6.disable", "consoleblank", "plymouth",
            "fsck.mode", "fsck.repair", "nosplash", "single", "emergency", "rescue", "text", "systemd", "rd",
            "modprobe.blacklist", "module_blacklist", "module.sig_enforce", "random.trust_cpu", "zswap", "kvm",
            "kvm_amd", "kvm_intel", "i915", "amdgpu", "nouveau", "nvidia", "nvidia_drm", "radeon", "usbcore",
            "nvme_core", "processor", "intel_idle", "workqueue", "printk", "log_buf_len", "crash_kexec_post_notifiers",
            "reboot", "threadirqs", "preempt", "amd_iommu_dump", "intremap", "nox2apic", "x2apic_phys");

    /** {@code pci=} options that do not touch DMA decisions. */
    private static final Set<String> PCI_UNRELATED = Set.of("nomsi", "noaer", "earlydump", "ecrc", "pcie_bus_tune_off",
            "pcie_bus_safe", "pcie_bus_perf", "pcie_bus_peer2peer", "cbiosize", "cbmemsize", "resource_alignment",
            "notph", "nodomains", "hpiosize", "hpmmiosize", "hpmmioprefsize", "hpmemsize", "bios", "nobios",
            "mmconf", "noacpi", "noearly", "usepirqmask", "use_crs", "nocrs", "routeirq", "skip_isa_align",
            "noioapicquirk", "ioapicreroute", "noioapicreroute", "lastbus", "norom", "nobar", "big_root_window",
            "check_enable_amd_mmconf", "irqmask");

    private UnmodelledParameters() {
    }

    /** Sorts a parameter that no modelled handler took. */
    static void parameter(String name, String value, List<String> notModelled, Set<String> unrelated) {
        String k = name.replace('-', '_').toLowerCase(Locale.ROOT);
        String shown = value == null ? name : name + "=" + value;
        String why = MATTER.get(k);
        if (why != null) {
            notModelled.add(shown + ": " + why);
            return;
        }
        String head = k.contains(".") ? k.substring(0, k.indexOf('.')) : k;
        if (UNRELATED.contains(k) || UNRELATED.contains(head)) {
            unrelated.add(value == null ? name : name + "=");
            return;
        }
        if (k.equals("intel_iommu") || k.equals("amd_iommu")) {
            notModelled.add(shown + ": needs a value (the __setup handler matches \"" + k + "=\" only); passed to "
                    + "init");
            return;
        }
        notModelled.add(shown + ": not known to dmascope (it may or may not matter to DMA)");
    }

    /** Sorts a {@code pci=} option that no modelled handler took. */
    static void pciOption(String option, List<String> notModelled, Set<String> unrelated, List<String> problems) {
        String key = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
        String why = PCI_MATTER.get(key.startsWith("realloc") ? "realloc" : key);
        if (why != null) {
            notModelled.add("pci=" + option + ": " + why + " (not modelled)");
        } else if (PCI_UNRELATED.contains(key)) {
            unrelated.add("pci=" + option);
        } else {
            problems.add("PCI: Unknown option `" + option + "': the kernel ignores it");
        }
    }
}
