package org.dmascope.model.kernel.doctor;

import java.util.List;

/**
 * What the doctor says about one P2P pair or one IOMMU group: the answer now, the assumptions it rests on, and the
 * smallest changes that would alter it.
 *
 * @param subject  what it is about, e.g. "0000:03:00.0 → 0000:04:00.0" or "group 7"
 * @param now      the answer as the rules give it
 * @param premises facts the input does not give, each with the other answer
 * @param advice   changes that alter the answer, smallest first
 * @param notes    what else there is to say, e.g. that no change within reach alters the answer
 */
public record Diagnosis(String subject, String now, List<Premise> premises, List<Advice> advice, List<String> notes) {

    public Diagnosis {
        premises = List.copyOf(premises);
        advice = List.copyOf(advice);
        notes = List.copyOf(notes);
    }

    public Diagnosis(String subject, String now, List<Premise> premises, List<Advice> advice) {
        this(subject, now, premises, advice, List.of());
    }

    /** True when there is nothing to say: no premise, no advice, no note. */
    public boolean isEmpty() {
        return premises.isEmpty() && advice.isEmpty() && notes.isEmpty();
    }
}
