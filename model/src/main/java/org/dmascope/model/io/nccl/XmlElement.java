package org.dmascope.model.io.nccl;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.dmascope.model.io.hwloc.SafeXml;
import org.dmascope.model.io.source.Checkpoint;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;

/**
 * An element of NCCL's topology XML with its attributes, children and line: the file is small (one
 * element per CPU, PCI device, GPU, NIC and link), so it is read into a tree first and walked after.
 * Parsing goes through {@link SafeXml}: no DTD, no entity, nothing outside the text.
 */
final class XmlElement {
    /** Deeper nesting than this is no PCI tree (NCCL nests a few switches); it is refused, not recursed. */
    static final int MAX_DEPTH = 64;

    final String name;
    final Map<String, String> attributes;
    final int line;
    final XmlElement parent;
    final List<XmlElement> children = new ArrayList<>();

    private XmlElement(String name, Map<String, String> attributes, int line, XmlElement parent) {
        this.name = name;
        this.attributes = attributes;
        this.line = line;
        this.parent = parent;
    }

    Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key)).map(String::trim).filter(s -> !s.isEmpty());
    }

    List<XmlElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /**
     * The document's root element, or empty after an error (refused DTD, XML that is not well-formed,
     * nesting deeper than {@value #MAX_DEPTH}) was reported with its line.
     */
    static Optional<XmlElement> parse(SourceText text, Findings findings, Checkpoint checkpoint) {
        Optional<String> accepted = SafeXml.accepted(text, findings);
        if (accepted.isEmpty()) return Optional.empty();
        String xml = accepted.get();
        XMLStreamReader x = null;
        XmlElement root = null;
        Deque<XmlElement> open = new ArrayDeque<>();
        try {
            x = SafeXml.factory().createXMLStreamReader(new StringReader(xml));
            while (x.hasNext()) {
                int event = x.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    int line = x.getLocation().getLineNumber();
                    if ((line & 63) == 0) checkpoint.reached(line, text.lineCount());
                    if (open.size() >= MAX_DEPTH) {
                        findings.error(text.name(), line, "elements are nested more than " + MAX_DEPTH
                                + " deep; this is not a topology NCCL writes");
                        return Optional.empty();
                    }
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int i = 0; i < x.getAttributeCount(); i++) {
                        attributes.put(x.getAttributeLocalName(i), x.getAttributeValue(i));
                    }
                    XmlElement e = new XmlElement(x.getLocalName(), attributes, line, open.peek());
                    if (open.isEmpty()) root = e;
                    else open.peek().children.add(e);
                    open.push(e);
                } else if (event == XMLStreamConstants.END_ELEMENT && !open.isEmpty()) {
                    open.pop();
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNumber());
            findings.error(text.name(), line, "the XML is not well-formed: " + SafeXml.reason(e));
            return Optional.empty();
        } finally {
            if (x != null) {
                try {
                    x.close();
                } catch (XMLStreamException ignored) {
                    // nothing was opened that needs closing
                }
            }
        }
        return Optional.ofNullable(root);
    }
}
