package app.takeaways.export;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an outline as people write one: bullets ({@code •}, {@code -}, {@code *}, {@code +}, numbers, and the like)
 * nested by any consistent indentation (spaces or tabs), Markdown headings as the levels above them, blank lines,
 * Logseq and Obsidian outlines (their {@code key:: value} properties left out), lines without a bullet; or OPML.
 * <p>
 * The structure is read from the lines' shape (a Markdown list parser would take an item indented by four more
 * spaces for code); each item's text is read as Markdown by commonmark (links, emphasis, code) and written as Slack
 * writes a message: {@code &}, {@code <} and {@code >} escaped, a link as {@code <url|label>}.
 * Never fails on text: what it does not understand is kept as text.
 */
public final class OutlineReader {

    /** A tab indents to the next multiple of this many columns. */
    static final int TAB = 4;

    private static final Pattern BULLET = Pattern.compile("(?:[•◦▪▫‣●○■□►▸–—*+-]|[0-9]{1,4}[.)])[ \\t]+(.*)");
    private static final Pattern EMPTY_BULLET = Pattern.compile("[•◦▪▫‣●○■□►▸–—*+-]|[0-9]{1,4}[.)]");
    /** A Markdown heading; its closing #s ("## Title ##") are cut by {@link #withoutClosingHashes}, not here. */
    private static final Pattern HEADING = Pattern.compile("(#{1,6})[ \\t]+(.*)");
    /** Logseq and Obsidian write an item's properties as {@code key:: value} lines. */
    private static final Pattern PROPERTY = Pattern.compile("[A-Za-z][\\w-]*::(?:[ \\t].*)?");

    /** Inline Markdown only: a note's text is never a heading, a list or a code block of its own. */
    private static final Parser INLINE = Parser.builder().enabledBlockTypes(Set.of()).build();

    private OutlineReader() {
    }

    /** A mutable item while the lines are read. */
    private static final class Open {

        final String text;
        final List<Open> children = new ArrayList<>();
        /** The column its bullet (or text) starts at; for a heading, -1. */
        final int indent;
        /** 1 to 6 for a heading; 0 for an item. */
        final int heading;
        /** A line written without a bullet: bullets at its own indentation right under it are its items. */
        final boolean plain;
        final StringBuilder continued = new StringBuilder();

        Open(String text, int indent, int heading, boolean plain) {
            this.text = text;
            this.indent = indent;
            this.heading = heading;
            this.plain = plain;
        }

        OutlineItem closed() {
            String full = continued.isEmpty() ? text : text + " " + continued;
            return new OutlineItem(inline(full), says(children.stream().map(Open::closed).toList()));
        }
    }

    /** The items of a text outline (plain text, Markdown, Logseq, Obsidian), in order. */
    public static List<OutlineItem> read(String outline) {
        List<Open> roots = new ArrayList<>();
        Deque<Open> path = new ArrayDeque<>();
        String text = outline == null ? "" : outline.replace("\uFEFF", "").replace("\u0000", "");
        boolean fenced = false;
        for (String line : text.split("\r\n|\r|\n", -1)) {
            int column = 0;
            int start = 0;
            while (start < line.length() && (line.charAt(start) == ' ' || line.charAt(start) == '\t'
                    || line.charAt(start) == '\u00A0')) {
                column = line.charAt(start) == '\t' ? (column / TAB + 1) * TAB : column + 1;
                start++;
            }
            String rest = line.substring(start).strip();
            if (rest.startsWith("```") || rest.startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (rest.isEmpty() || PROPERTY.matcher(rest).matches() || EMPTY_BULLET.matcher(rest).matches()
                    || rest.matches("([-*_])( ?\\1){2,}")) {
                continue;
            }
            Matcher heading = HEADING.matcher(rest);
            if (!fenced && heading.matches()) {
                int level = heading.group(1).length();
                while (!path.isEmpty() && (path.peek().heading == 0 || path.peek().heading >= level)) {
                    path.pop();
                }
                attach(new Open(withoutClosingHashes(heading.group(2)), -1, level, false), roots, path);
                continue;
            }
            Matcher bullet = BULLET.matcher(rest);
            boolean isBullet = !fenced && bullet.matches();
            if (!isBullet && !path.isEmpty() && path.peek().heading == 0 && column > path.peek().indent) {
                // a line of the item above, wrapped
                Open above = path.peek();
                above.continued.append(above.continued.isEmpty() ? "" : " ").append(rest);
                continue;
            }
            // "EKS deep dive" on a line of its own, then "- Karpenter ..." under it at the same indentation: its items.
            while (!path.isEmpty() && path.peek().heading == 0 && (path.peek().indent > column
                    || path.peek().indent == column && !(path.peek().plain && isBullet))) {
                path.pop();
            }
            attach(new Open(isBullet ? bullet.group(1).strip() : rest, column, 0, !isBullet), roots, path);
        }
        return says(roots.stream().map(Open::closed).toList());
    }

    /** The items that say something: one whose text is empty once read, and which holds nothing, goes. */
    private static List<OutlineItem> says(List<OutlineItem> items) {
        return items.stream().filter(item -> !item.text().isBlank() || !item.isLeaf()).toList();
    }

    private static void attach(Open item, List<Open> roots, Deque<Open> path) {
        if (path.isEmpty()) {
            roots.add(item);
        } else {
            path.peek().children.add(item);
        }
        path.push(item);
    }

    /**
     * The items of an OPML outline ({@code <outline text="...">}, nested). External entities and document types
     * are refused.
     *
     * @throws IllegalArgumentException when it is not well-formed XML
     */
    public static List<OutlineItem> readOpml(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            List<OutlineItem> items = new ArrayList<>();
            Element root = document.getDocumentElement();
            for (Element body : children(root, "body")) {
                for (Element outline : children(body, "outline")) {
                    opml(outline).ifPresent(items::add);
                }
            }
            return items;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("Not an OPML outline: " + e.getMessage(), e);
        }
    }

    private static java.util.Optional<OutlineItem> opml(Element outline) {
        List<OutlineItem> children = new ArrayList<>();
        for (Element child : children(outline, "outline")) {
            opml(child).ifPresent(children::add);
        }
        String text = inline(outline.getAttribute("text").strip());
        return text.isBlank() && children.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(new OutlineItem(text, children));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> elements = new ArrayList<>();
        for (org.w3c.dom.Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equalsIgnoreCase(name)) {
                elements.add(element);
            }
        }
        return elements;
    }

    /** A line's Markdown as Slack writes a message. */
    static String inline(String markdown) {
        StringBuilder out = new StringBuilder();
        INLINE.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(escaped(text.getLiteral()));
            }

            @Override
            public void visit(Code code) {
                out.append('`').append(escaped(code.getLiteral())).append('`');
            }

            @Override
            public void visit(Emphasis emphasis) {
                out.append('_');
                visitChildren(emphasis);
                out.append('_');
            }

            @Override
            public void visit(StrongEmphasis strong) {
                out.append('*');
                visitChildren(strong);
                out.append('*');
            }

            @Override
            public void visit(Link link) {
                link(link.getDestination(), link);
            }

            @Override
            public void visit(Image image) {
                link(image.getDestination(), image);
            }

            private void link(String destination, Node label) {
                StringBuilder text = new StringBuilder();
                int before = out.length();
                visitChildren(label);
                text.append(out, before, out.length());
                out.setLength(before);
                String url = destination.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C");
                if (!url.matches("(?i)(https?|mailto):.*")) {
                    out.append(text.isEmpty() ? escaped(destination) : text);
                } else if (text.isEmpty() || text.toString().equals(escaped(destination))) {
                    out.append('<').append(url).append('>');
                } else {
                    out.append('<').append(url).append('|').append(text.toString().replace("|", "¦")).append('>');
                }
            }

            @Override
            public void visit(SoftLineBreak softLineBreak) {
                out.append(' ');
            }

            @Override
            public void visit(HardLineBreak hardLineBreak) {
                out.append('\n');
            }

            @Override
            public void visit(HtmlInline html) {
                out.append(escaped(html.getLiteral()));
            }
        });
        return out.toString().strip();
    }

    /** As Slack escapes what people type. */
    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * A heading's text without trailing blanks and the closing #s Markdown allows after a blank ("## Title ##").
     * Done by hand: a regular expression for it backtracks over long runs of blanks (quadratic on a crafted line).
     */
    static String withoutClosingHashes(String text) {
        int end = blankEnd(text, text.length());
        int hashes = end;
        while (hashes > 0 && text.charAt(hashes - 1) == '#') {
            hashes--;
        }
        if (hashes < end && hashes > 0 && isBlank(text.charAt(hashes - 1))) {
            end = blankEnd(text, hashes);
        }
        return text.substring(0, end);
    }

    private static int blankEnd(String text, int end) {
        while (end > 0 && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
