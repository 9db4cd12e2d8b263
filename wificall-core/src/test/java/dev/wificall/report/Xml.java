package dev.wificall.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The report tests read pages as XML: they are well-formed, so a stray '<' or an unclosed tag fails the parse. */
final class Xml {
    private static final XPath X = XPathFactory.newInstance().newXPath();

    private Xml() {
    }

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The elements {@code xpath} finds from {@code at}, in document order. */
    static List<Element> all(Node at, String xpath) throws Exception {
        NodeList found = (NodeList) X.evaluate(xpath, at, XPathConstants.NODESET);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < found.getLength(); i++) {
            list.add((Element) found.item(i));
        }
        return list;
    }

    /** The one element {@code xpath} finds; fails naming the expression when there are none or several. */
    static Element one(Node at, String xpath) throws Exception {
        List<Element> found = all(at, xpath);
        assertThat(found).as(xpath).hasSize(1);
        return found.get(0);
    }
}
