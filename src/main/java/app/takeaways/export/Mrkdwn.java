package app.takeaways.export;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A takeaway's text as Slack stores a message (mrkdwn: {@code &amp;}, {@code &lt;}, {@code &gt;} escaped; links,
 * people, channels and special mentions in angle brackets) read into pieces, for the export's writers: text as
 * typed, links, and references. Never fails: a {@code <} that starts no reference is text.
 */
final class Mrkdwn {

    /** One piece of a line. */
    sealed interface Piece {
    }

    /** Text as the person typed it (Slack's escaping undone). */
    record Text(String typed) implements Piece {
    }

    /** {@code <url>} or {@code <url|label>}; the label is mrkdwn, null when there is none. */
    record Link(String url, String label) implements Piece {
    }

    /** {@code <@U123>}, {@code <@U123|name>}. */
    record Person(String userId) implements Piece {
    }

    /** {@code <#C123|name>}; the name may be missing. */
    record Channel(String channelId, String name) implements Piece {
    }

    /** {@code <!here>}, {@code <!subteam^ID|@group>}, {@code <!date^...|fallback>}: shown by their label. */
    record Special(String label) implements Piece {
    }

    private static final Pattern REFERENCE = Pattern.compile("<([^<>]*)>");
    private static final Pattern LINK = Pattern.compile("((?:https?|mailto):[^|\\s]+)(?:\\|(.*))?", Pattern.DOTALL);
    private static final Pattern PERSON = Pattern.compile("@([A-Z0-9]+)(?:\\|.*)?", Pattern.DOTALL);
    private static final Pattern CHANNEL = Pattern.compile("#([A-Z0-9]+)(?:\\|(.*))?", Pattern.DOTALL);
    private static final Pattern SPECIAL = Pattern.compile("!([^|^]*)(?:\\^[^|]*)?(?:\\|(.*))?", Pattern.DOTALL);

    private Mrkdwn() {
    }

    static List<Piece> pieces(String mrkdwn) {
        List<Piece> pieces = new ArrayList<>();
        Matcher reference = REFERENCE.matcher(mrkdwn);
        int at = 0;
        while (reference.find()) {
            Piece piece = reference(reference.group(1));
            if (piece == null) {
                continue;
            }
            if (reference.start() > at) {
                pieces.add(new Text(unescaped(mrkdwn.substring(at, reference.start()))));
            }
            pieces.add(piece);
            at = reference.end();
        }
        if (at < mrkdwn.length()) {
            pieces.add(new Text(unescaped(mrkdwn.substring(at))));
        }
        return pieces;
    }

    private static Piece reference(String inside) {
        Matcher link = LINK.matcher(inside);
        if (link.matches()) {
            String label = link.group(2);
            return new Link(link.group(1), label == null || label.isBlank() ? null : label);
        }
        Matcher person = PERSON.matcher(inside);
        if (person.matches()) {
            return new Person(person.group(1));
        }
        Matcher channel = CHANNEL.matcher(inside);
        if (channel.matches()) {
            return new Channel(channel.group(1), channel.group(2) == null || channel.group(2).isBlank() ? null
                    : unescaped(channel.group(2)));
        }
        Matcher special = SPECIAL.matcher(inside);
        if (special.matches()) {
            String label = special.group(2);
            if (label != null && !label.isBlank()) {
                return new Special(unescaped(label));
            }
            String name = special.group(1);
            return new Special(name.equals("subteam") ? "@group" : "@" + name);
        }
        return null;
    }

    /** Slack's escaping undone: text as typed. */
    static String unescaped(String mrkdwn) {
        return mrkdwn.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /**
     * The text as a person reads it, without Slack's markup: links as {@code label (url)}, people by name (or
     * {@code @id}), channels as {@code #name}; a special mention by its label, which notifies no one.
     */
    static String readable(String mrkdwn, Function<String, String> personName) {
        StringBuilder out = new StringBuilder(mrkdwn.length());
        for (Piece piece : pieces(mrkdwn)) {
            if (piece instanceof Text text) {
                out.append(text.typed());
            } else if (piece instanceof Link link) {
                out.append(link.label() == null ? unescaped(link.url())
                        : unescaped(link.label()) + " (" + unescaped(link.url()) + ")");
            } else if (piece instanceof Person person) {
                out.append('@').append(personName.apply(person.userId()));
            } else if (piece instanceof Channel channel) {
                out.append('#').append(channel.name() == null ? channel.channelId() : channel.name());
            } else if (piece instanceof Special special) {
                out.append(special.label());
            }
        }
        return out.toString();
    }
}
