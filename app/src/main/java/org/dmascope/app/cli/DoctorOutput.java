package org.dmascope.app.cli;

import java.io.PrintStream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dmascope.model.kernel.doctor.Advice;
import org.dmascope.model.kernel.doctor.Change;
import org.dmascope.model.kernel.doctor.Diagnosis;
import org.dmascope.model.kernel.doctor.Premise;

/** A doctor's diagnosis (model {@code kernel.doctor}) as CLI text and JSON; nothing here decides anything. */
final class DoctorOutput {
    private DoctorOutput() {
    }

    static ObjectNode json(Diagnosis d) {
        ObjectNode n = JsonOutput.object();
        n.put("subject", d.subject());
        n.put("now", d.now());
        ArrayNode premises = n.putArray("premises");
        for (Premise p : d.premises()) {
            ObjectNode o = premises.addObject();
            o.put("assumption", p.assumption());
            o.put("answer", p.answer());
            o.put("otherwise", p.otherwise());
            o.put("otherAnswer", p.other());
            o.set("howToKnow", change(p.howToKnow()));
            o.put("sentence", p.sentence());
        }
        ArrayNode advice = n.putArray("advice");
        for (Advice a : d.advice()) {
            ObjectNode o = change(a.change());
            o.put("result", a.result());
            o.put("verified", a.verified());
            advice.add(o);
        }
        ArrayNode notes = n.putArray("notes");
        d.notes().forEach(notes::add);
        return n;
    }

    private static ObjectNode change(Change c) {
        ObjectNode o = JsonOutput.object();
        o.put("kind", c.kind().jsonName());
        o.put("change", c.words());
        if (c.option().isEmpty()) o.putNull("option");
        else o.put("option", c.option());
        return o;
    }

    /** The diagnosis as indented lines; nothing when it is empty. */
    static void text(Diagnosis d, String indent, PrintStream out) {
        if (d.isEmpty()) return;
        out.println(indent + "doctor:");
        for (Premise p : d.premises()) {
            out.println(indent + "  - " + p.sentence() + " [to know: " + p.howToKnow().words() + "]");
        }
        for (Advice a : d.advice()) {
            out.println(indent + "  - to change it, " + a.change().kind().label() + ": " + a.sentence()
                    + (a.change().option().isEmpty() ? "" : " [dmascope " + a.change().option() + "]"));
        }
        for (String n : d.notes()) out.println(indent + "  - " + n);
    }
}
