package org.dmascope.model.kernel.p2p;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dmascope.model.kernel.acs.AcsState;
import org.dmascope.model.kernel.acs.EffectiveAcs;
import org.dmascope.model.kernel.platform.Assumption;
import org.dmascope.model.kernel.platform.AssumptionSource;
import org.dmascope.model.kernel.platform.CpuIdentity;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciBus;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;
import org.dmascope.model.topology.Topology;

/**
 * The parts of a topology R-P2P-5 walks, resolved once into arrays so a whole matrix of pairs costs
 * little: each function's {@code pci_upstream_bridge()}, whether it has ACS redirect (R-P2P-1), its
 * root bus (standing for its host bridge), and the host-bridge test per pair of root buses.
 */
public final class P2pIndex {
    private final Topology topology;
    private final PlatformAssumptions assumptions;
    private final EffectiveAcs acs;
    private final List<PciFunction> functions;
    private final Map<Bdf, Integer> index = new HashMap<>();
    private final int[] upstream;
    private final boolean[] redirect;
    private final int[] control;
    private final int[] rootBus;
    private final List<PciBus> rootBuses = new ArrayList<>();
    private final CpuP2pSupport.Result cpu;
    private final Map<Long, HostBridgeCheck> hostChecks = new ConcurrentHashMap<>();

    public P2pIndex(Topology t, PlatformAssumptions a, EffectiveAcs acs) {
        this.topology = t;
        this.assumptions = a;
        this.acs = acs;
        this.functions = t.functions();
        int n = functions.size();
        upstream = new int[n];
        redirect = new boolean[n];
        control = new int[n];
        rootBus = new int[n];
        for (int i = 0; i < n; i++) index.put(functions.get(i).address(), i);
        PciHierarchy h = t.hierarchy();
        Map<PciBus, Integer> roots = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            PciFunction f = functions.get(i);
            upstream[i] = h.upstreamBridge(f).map(u -> index.get(u.address())).orElse(-1);
            AcsState s = acs.of(f);
            redirect[i] = AcsRedirect.hasRedirect(s);
            control[i] = s.control();
            PciBus root = h.rootBusOf(f);
            Integer r = roots.get(root);
            if (r == null) {
                r = rootBuses.size();
                roots.put(root, r);
                rootBuses.add(root);
            }
            rootBus[i] = r;
        }
        cpu = CpuP2pSupport.evaluate(a);
    }

    public Topology topology() {
        return topology;
    }

    public PlatformAssumptions assumptions() {
        return assumptions;
    }

    public EffectiveAcs acs() {
        return acs;
    }

    public int size() {
        return functions.size();
    }

    public PciFunction function(int i) {
        return functions.get(i);
    }

    public Optional<Integer> indexOf(Bdf b) {
        return Optional.ofNullable(index.get(b));
    }

    /** {@code pci_upstream_bridge()} as an index, -1 for none. */
    public int upstream(int i) {
        return upstream[i];
    }

    public boolean redirect(int i) {
        return redirect[i];
    }

    public int control(int i) {
        return control[i];
    }

    public int rootBus(int i) {
        return rootBus[i];
    }

    public PciBus rootBusObject(int r) {
        return rootBuses.get(r);
    }

    public CpuP2pSupport.Result cpu() {
        return cpu;
    }

    /**
     * Never a silent guess: when the CPU that decided was inferred from the export rather than stated, the
     * answer under the other assumption. {@code ""} when the CPU was stated or the answer would not change.
     */
    private String otherwise(boolean cpuAllows, HostBridgeWhitelist.Result whitelist) {
        Assumption<CpuIdentity> c = assumptions.cpuAssumption();
        if (c.source() != AssumptionSource.INFERRED || assumptions.cpuInference().isEmpty()) return "";
        String from = assumptions.cpuInference().get().evidence();
        if (cpuAllows) {
            return " (the CPU, " + c.shown() + ", was inferred from " + from
                    + "; were it not an AMD Zen CPU, " + (whitelist.whitelisted()
                    ? "the host-bridge whitelist would still allow it: " + whitelist.words()
                    : "the host-bridge whitelist would decide, and " + whitelist.words() + ": NOT_SUPPORTED") + ")";
        }
        if (whitelist.whitelisted() || !assumptions.isX86() || !assumptions.profile().atLeast(5, 9)) return "";
        return " (the CPU, " + c.shown() + ", was inferred from " + from + "; were it an AMD family 0x17 "
                + "or newer, cpu_supports_p2pdma() would allow it: THRU_HOST_BRIDGE)";
    }

    /** {@code cpu_supports_p2pdma() || host_bridge_whitelist()} for the root buses of a pair, cached. */
    public HostBridgeCheck hostBridgeCheck(int rootA, int rootB) {
        long key = (long) rootA << 32 | rootB;
        HostBridgeCheck c = hostChecks.get(key);
        if (c == null) {
            HostBridgeWhitelist.Result w = HostBridgeWhitelist.evaluate(rootBuses.get(rootA), rootBuses.get(rootB),
                    assumptions.profile());
            if (cpu.supported()) {
                c = new HostBridgeCheck(true, true, cpu.words() + otherwise(true, w));
            } else {
                c = new HostBridgeCheck(w.whitelisted(), false, w.words() + "; " + cpu.words() + otherwise(false, w));
            }
            hostChecks.put(key, c);
        }
        return c;
    }
}
