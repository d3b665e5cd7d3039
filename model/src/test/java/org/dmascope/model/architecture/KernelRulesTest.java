package org.dmascope.model.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

import org.dmascope.model.kernel.rule.KernelRule;

/**
 * Every kernel rule has exactly one implementation, the one the product runs, and its vectors test
 * that one (DESIGN.md; issue 9). The implementations are the classes marked {@link KernelRule}.
 * <ul>
 *   <li>each mark names ids of kernel-dma-rules.md section 2, or ids the project documents itself in
 *       docs/kernel-rules-extra.md (one {@code ### R-…} heading per rule, e.g. the command-line rules R-CMD-…);</li>
 *   <li>each id is marked on exactly one class;</li>
 *   <li>each marked class is reached from the product: from a model class outside the kernel packages
 *       (mapping engine, importers, session…) or a model class that views or app import, following class
 *       dependencies, so no rule is reachable only from tests;</li>
 *   <li>each implemented id is named by a test class under model/src/test (where the vectors are).</li>
 * </ul>
 */
@AnalyzeClasses(packages = "org.dmascope.model", importOptions = ImportOption.DoNotIncludeTests.class)
class KernelRulesTest {
    /** The decision rules of kernel-dma-rules.md section 2, in the order the document gives them. */
    static final Set<String> SECTION_2 = Set.of(
            "R-P2P-1", "R-P2P-2", "R-P2P-3", "R-P2P-4", "R-P2P-5", "R-P2P-6", "R-P2P-7", "R-P2P-8", "R-P2P-9",
            "R-P2P-10", "R-P2P-11", "R-P2P-12",
            "R-ACS-1", "R-ACS-2", "R-ACS-3",
            "R-GRP-1", "R-GRP-2", "R-GRP-3", "R-GRP-4",
            "R-MAP-1", "R-MAP-2", "R-MAP-3", "R-MAP-4",
            "R-DIR-1", "R-DIR-2", "R-DIR-3", "R-DIR-4", "R-DIR-5", "R-DIR-6", "R-DIR-7", "R-DIR-8",
            "R-TLB-1", "R-TLB-2", "R-TLB-3", "R-TLB-4", "R-TLB-5",
            "R-IOMMU-1", "R-IOMMU-2", "R-IOMMU-3", "R-IOMMU-4", "R-IOMMU-5", "R-IOMMU-6", "R-IOMMU-7", "R-IOMMU-8",
            "R-IOMMU-9",
            "R-SG-1", "R-SG-2", "R-SG-3", "R-SG-4",
            "R-BLK-1", "R-BLK-2", "R-BLK-3", "R-BLK-4", "R-BLK-5", "R-BLK-6", "R-BLK-7",
            "R-PT-1", "R-PT-2", "R-PT-3");

    /** A rule heading of docs/kernel-rules-extra.md: {@code ### R-CMD-3 pci=disable_acs_redir=}. */
    private static final Pattern EXTRA_HEADING = Pattern.compile("^### (R-[A-Z]+-\\d+)\\b", Pattern.MULTILINE);

    private static final String KERNEL = "org.dmascope.model.kernel";
    private static final Pattern MODEL_IMPORT = Pattern.compile("^import (?:static "
            + ")?(org\\.dmascope\\.model\\.[\\w.]+);", Pattern.MULTILINE);

    @ArchTest
    void everyMarkNamesASectionTwoRule(JavaClasses classes) {
        Set<String> extra = extraRules();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : implementers(classes).entrySet()) {
            if (!SECTION_2.contains(e.getKey()) && !extra.contains(e.getKey())) {
                wrong.add(e.getKey() + " on " + e.getValue());
            }
        }
        assertTrue(wrong.isEmpty(), "@KernelRule names ids that are not rules of kernel-dma-rules.md section 2 "
                + "nor of docs/kernel-rules-extra.md: " + wrong);
    }

    @ArchTest
    void everyExtraRuleIsImplemented(JavaClasses classes) {
        Set<String> missing = new TreeSet<>(extraRules());
        missing.removeAll(implementers(classes).keySet());
        assertTrue(missing.isEmpty(), "docs/kernel-rules-extra.md documents rules no class implements: " + missing);
    }

    /** The rule ids docs/kernel-rules-extra.md documents, one heading each. */
    static Set<String> extraRules() {
        Path doc = moduleDir().getParent().resolve("docs/kernel-rules-extra.md");
        if (!Files.isRegularFile(doc)) fail("no " + doc);
        Set<String> ids = new TreeSet<>();
        Matcher m = EXTRA_HEADING.matcher(read(doc));
        while (m.find()) {
            if (!ids.add(m.group(1))) fail(m.group(1) + " has two headings in " + doc);
        }
        if (ids.isEmpty()) fail("no rule headings in " + doc);
        return ids;
    }

    @ArchTest
    void everyRuleHasExactlyOneImplementation(JavaClasses classes) {
        List<String> twice = new ArrayList<>();
        implementers(classes).forEach((id, where) -> {
            if (where.size() > 1) twice.add(id + " is implemented by " + String.join(" and ", where));
        });
        assertTrue(twice.isEmpty(), "a kernel rule has more than one implementation; keep the one the engine runs:\n  "
                + String.join("\n  ", twice));
    }

    @ArchTest
    void everyRuleImplementationIsReachedFromTheProduct(JavaClasses classes) {
        Set<JavaClass> reached = reachable(productRoots(classes));
        List<String> unreached = new ArrayList<>();
        for (JavaClass c : classes) {
            if (c.isAnnotatedWith(KernelRule.class) && !reached.contains(c)) {
                unreached.add(String.join(", ", ids(c)) + " (" + c.getName() + ")");
            }
        }
        assertTrue(unreached.isEmpty(),
                "kernel rules reachable only from tests: wire each into the product where the product "
                + "needs it, or delete it with its tests:\n  " + String.join("\n  ", unreached));
    }

    @ArchTest
    void everyImplementedRuleIsNamedByATestClass(JavaClasses classes) {
        String tests = testSources();
        List<String> untested = new ArrayList<>();
        implementers(classes).forEach((id, where) -> {
            if (!Pattern.compile(Pattern.quote(id) + "(?!\\d)").matcher(tests).find()) {
                untested.add(id + " (" + String.join(", ", where) + ")");
            }
        });
        assertTrue(untested.isEmpty(),
                "no test class under model/src/test names these rules; name each in the test of its vectors:\n  "
                + String.join("\n  ", untested));
    }

    /** Rule id → the classes marked with it, by simple name. */
    static Map<String, Set<String>> implementers(JavaClasses classes) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (JavaClass c : classes) {
            for (String id : ids(c)) out.computeIfAbsent(id, k -> new TreeSet<>()).add(c.getSimpleName());
        }
        return out;
    }

    static List<String> ids(JavaClass c) {
        if (!c.isAnnotatedWith(KernelRule.class)) return List.of();
        return List.of(c.getAnnotationOfType(KernelRule.class).value());
    }

    /**
     * Where the product starts using the model: every model class outside the kernel packages, and
     * every model class that views or app import.
     */
    static Set<JavaClass> productRoots(JavaClasses classes) {
        Set<String> importedByUi = new HashSet<>();
        for (String module : List.of("views", "app")) {
            Matcher m = MODEL_IMPORT.matcher(sources(moduleDir().resolveSibling(module).resolve("src/main/java")));
            while (m.find()) importedByUi.add(m.group(1));
        }
        Set<JavaClass> roots = new HashSet<>();
        for (JavaClass c : classes) {
            boolean kernel = c.getPackageName().equals(KERNEL) || c.getPackageName().startsWith(KERNEL + ".");
            if (!kernel || importedByUi.contains(c.getName()) || importedByUi.stream()
                    .anyMatch(i -> i.startsWith(c.getName() + "."))) {
                roots.add(c);
            }
        }
        if (roots.isEmpty()) fail("no product classes found");
        return roots;
    }

    static Set<JavaClass> reachable(Set<JavaClass> roots) {
        Set<JavaClass> seen = new HashSet<>(roots);
        Deque<JavaClass> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            JavaClass c = todo.pop();
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass t = d.getTargetClass().getBaseComponentType();
                if (seen.add(t)) todo.push(t);
            }
            // a nested class is part of its outer class: reaching one reaches the other
            c.getEnclosingClass().filter(seen::add).ifPresent(todo::push);
        }
        return seen;
    }

    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /** Every test class's source, this one left out: it names no rule itself. */
    static String testSources() {
        try (Stream<Path> files = Files.walk(moduleDir().resolve("src/test/java"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("Test.java"))
                    .filter(p -> !p.getFileName().toString().equals(KernelRulesTest.class.getSimpleName() + ".java"))
                    .map(KernelRulesTest::read).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sources(Path dir) {
        if (!Files.isDirectory(dir)) fail("no sources at " + dir);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).map(KernelRulesTest::read)
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
