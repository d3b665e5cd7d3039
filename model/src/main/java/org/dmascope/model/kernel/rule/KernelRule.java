package org.dmascope.model.kernel.rule;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the class that implements a kernel rule of kernel-dma-rules.md section 2: the one the product
 * runs and the rule's vectors test. {@code KernelRulesTest} keeps it that way: every id on exactly one
 * class, every marked class reached from the product's own code, every id named by a test.
 *
 * <p>It lives in a package of its own, below every rule package, so marking a rule adds no package
 * cycle.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface KernelRule {
    /** The rule ids this class implements, e.g. {@code "R-P2P-5"}. */
    String[] value();
}
