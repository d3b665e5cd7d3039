package org.dmascope.views.diff;

/**
 * One line of a diff table, already in words.
 *
 * @param what   the kind of change ("moved", "split", "BUS_ADDR → THRU_HOST_BRIDGE")
 * @param where  the device, devices or part it is about
 * @param before the value before ("" when none)
 * @param after  the value after
 * @param why    the field, or the rule's reason
 */
public record DiffRow(String what, String where, String before, String after, String why) {
}
