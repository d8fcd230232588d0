package io.meshgov.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes well-formed XHTML: every element it opens is closed, in order, and every text and
 * attribute value is escaped, so a name from a bundle or a subjects file ({@code <script>} as a
 * column name) shows as text and never becomes markup. Block elements start on a line of their
 * own, so the page reads in a terminal and diffs line by line.
 */
final class Xhtml {
  private final StringBuilder out = new StringBuilder();
  private final Deque<String> open = new ArrayDeque<>();

  /** Opens {@code tag} with attributes given as name, value pairs. */
  Xhtml open(String tag, String... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs: " + String.join(", ", attributes));
    }
    if (isBlock(tag)) {
      newLine();
    }
    out.append('<').append(tag);
    for (int i = 0; i < attributes.length; i += 2) {
      out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
    }
    out.append('>');
    open.push(tag);
    return this;
  }

  /** An element without content, such as {@code <meta/>}: written self-closed, as HTML reads a void element. */
  Xhtml empty(String tag, String... attributes) {
    open(tag, attributes);
    open.pop();
    out.setLength(out.length() - 1);
    out.append("/>");
    return this;
  }

  /** Closes the element opened last. */
  Xhtml close() {
    String tag = open.pop();
    out.append("</").append(tag).append('>');
    return this;
  }

  /** An element holding only {@code text}. */
  Xhtml element(String tag, String text, String... attributes) {
    return open(tag, attributes).text(text).close();
  }

  Xhtml text(String text) {
    out.append(escape(text));
    return this;
  }

  /** Markup that is not escaped: only for constant text of this program, such as the style sheet. */
  Xhtml raw(String markup) {
    out.append(markup);
    return this;
  }

  /** The document; every element must be closed. */
  String document() {
    if (!open.isEmpty()) {
      throw new IllegalStateException("elements left open: " + open);
    }
    return "<!DOCTYPE html>\n" + out + "\n";
  }

  /** Escapes the five characters XML gives meaning to, so text is text in content and in attributes. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(isXmlCharacter(c) ? c : '\uFFFD');
      }
    }
    return escaped.toString();
  }

  /** Control characters other than tab and line ends are not allowed in XML, even escaped. */
  private static boolean isXmlCharacter(char c) {
    return c >= 0x20 && c != 0xFFFE && c != 0xFFFF || c == '\t' || c == '\n' || c == '\r';
  }

  private static boolean isBlock(String tag) {
    return switch (tag) {
      case "html", "head", "body", "meta", "title", "style", "header", "main", "section", "nav", "h1", "h2", "p",
          "dl", "dt", "dd", "div", "table", "thead", "tbody", "tr", "ul", "li" -> true;
      default -> false;
    };
  }

  private void newLine() {
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
  }
}
