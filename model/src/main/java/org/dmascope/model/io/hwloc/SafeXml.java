package org.dmascope.model.io.hwloc;

import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;

/**
 * XML parsing (hwloc's and NCCL's) that never reaches outside the text it is given. A document type with its own
 * definitions ({@code <!DOCTYPE x [ ... ]>}) or any entity declaration is refused before parsing; the
 * external DTD hwloc names ({@code <!DOCTYPE topology SYSTEM "hwloc2.dtd">}) is never loaded, and the
 * parser is built from the JDK's own implementation with DTDs, external entities and every external
 * access switched off and a resolver that refuses, so nothing is read from disk or the network.
 */
public final class SafeXml {
    private SafeXml() {
    }

    /**
     * The text of an XML export, lines joined as the parser will number them, or empty after the refusal
     * of a DTD or entity declaration was reported at its line.
     */
    public static Optional<String> accepted(SourceText text, Findings findings) {
        StringBuilder sb = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, text.bytes() + 16));
        for (int i = 0; i < text.lineCount(); i++) sb.append(text.line(i)).append('\n');
        String xml = sb.toString();
        Optional<String> refused = refusal(xml);
        if (refused.isPresent()) {
            findings.error(text.name(), lineOfDoctype(xml), refused.get());
            return Optional.empty();
        }
        return Optional.of(xml);
    }

    /** Why {@code xml} is refused, or empty if it may be parsed. */
    public static Optional<String> refusal(String xml) {
        int doctype = xml.indexOf("<!DOCTYPE");
        if (doctype >= 0) {
            int end = xml.indexOf('>', doctype);
            int subset = xml.indexOf('[', doctype);
            if (subset >= 0 && (end < 0 || subset < end)) {
                return Optional.of("the XML declares its own document type definitions (<!DOCTYPE ... [ ... ]>); "
                        + "for safety dmascope does not read DTDs or entity declarations, and neither hwloc nor NCCL "
                        + "writes them");
            }
        }
        if (xml.contains("<!ENTITY")) {
            return Optional.of("the XML declares entities (<!ENTITY ...>); for safety dmascope does not read them, "
                    + "and neither hwloc nor NCCL writes them");
        }
        return Optional.empty();
    }

    /** 1-based line of the DOCTYPE (or entity declaration), for the refusal message. */
    static int lineOfDoctype(String xml) {
        int at = xml.indexOf("<!DOCTYPE");
        if (at < 0) at = xml.indexOf("<!ENTITY");
        if (at < 0) return 0;
        int line = 1;
        for (int i = 0; i < at; i++) if (xml.charAt(i) == '\n') line++;
        return line;
    }

    /** A StAX factory of the JDK's implementation with every way out switched off. */
    public static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        trySet(f, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        trySet(f, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource " + systemId
                    + " refused: dmascope does not read files or URLs named in XML");
        });
        return f;
    }

    private static void trySet(XMLInputFactory f, String property, Object value) {
        try {
            f.setProperty(property, value);
        } catch (IllegalArgumentException e) {
            // Not every StAX implementation knows the JAXP access properties; the others above still hold.
        }
    }

    /** The parser's message without its Java location prefix. */
    public static String reason(XMLStreamException e) {
        String m = e.getMessage() == null ? "unknown error" : e.getMessage();
        int msg = m.indexOf("Message: ");
        return msg >= 0 ? m.substring(msg + 9).trim() : m.trim();
    }
}
