package app.takeaways.slack.blocks;

/**
 * Text for Slack's mrkdwn: escaping and cutting to Block Kit's limits without breaking what Slack renders
 * (a {@code <link|label>}, an {@code &amp;} entity, an emoji's surrogate pair).
 */
public final class SlackText {

    /** Block Kit's limit for a section's text. */
    public static final int SECTION_LIMIT = 3000;

    /** Block Kit's limit for a header's plain text. */
    public static final int HEADER_LIMIT = 150;

    /** Block Kit's limit for the text of one context element. */
    public static final int CONTEXT_ELEMENT_LIMIT = 3000;

    /** Slack's limit for a message's top-level {@code text} (it truncates beyond; we stay well under). */
    public static final int MESSAGE_TEXT_LIMIT = 3000;

    private static final String ELLIPSIS = "…";

    private SlackText() {
    }

    /**
     * Escapes plain text for mrkdwn, as Slack asks: only {@code &}, {@code <} and {@code >}. For text that is not in
     * Slack's format: a talk title, a tag, a theme label, a search snippet, a language model's overview. Nothing in
     * it can be live, since every {@code <} is escaped. A takeaway's own text is already in Slack's format: show it
     * with {@link #note(String)} instead.
     */
    public static String escape(String plain) {
        return plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static final java.util.regex.Pattern BROADCAST =
            java.util.regex.Pattern.compile("!(channel|here|everyone)(?:\\|.*)?", java.util.regex.Pattern.DOTALL);
    private static final java.util.regex.Pattern SUBTEAM =
            java.util.regex.Pattern.compile("!subteam\\^[^|]*(?:\\|(.*))?", java.util.regex.Pattern.DOTALL);
    // Slack's references that notify no one beyond who they name: a person, a channel, a date, a link.
    private static final java.util.regex.Pattern HARMLESS = java.util.regex.Pattern.compile(
            "(?:[@#][A-Z0-9]+|!date\\^\\d+\\^[^|]+|(?:https?|mailto):[^|\\s]+)(?:\\|.*)?",
            java.util.regex.Pattern.DOTALL);

    /**
     * A takeaway's text (mrkdwn in Slack's format, as Slack sent it or as stored) made safe to post again, weeks
     * later, to people who did not write it: it never notifies a whole channel or group. Every renderer that shows a
     * takeaway's text, in blocks or in a message's fallback text, goes through here; plain text goes through
     * {@link #escape(String)}.
     * <ul>
     * <li>{@code <!channel>}, {@code <!here>}, {@code <!everyone>}, with or without a {@code |label}, become the plain
     * text {@code @channel}, {@code @here}, {@code @everyone};</li>
     * <li>{@code <!subteam^ID|@label>} becomes its label ({@code @} put in front when it has none),
     * {@code <!subteam^ID>} becomes {@code @group};</li>
     * <li>people ({@code <@U123>}), channels ({@code <#C123|name>}), dates ({@code <!date^...>}) and links
     * ({@code <https://...|label>}, {@code <mailto:...>}) stay as they are;</li>
     * <li>every other {@code <} becomes {@code &lt;}: one that starts no entity (a {@code <} with no {@code >} before
     * the next {@code <}), and one that starts any other entity, such as an unknown {@code <!special>};</li>
     * <li>everything else is kept, so {@code &amp;}, {@code &lt;} and {@code &gt;} stay escaped.</li>
     * </ul>
     * Afterwards each {@code <} left starts one of the kept entities, so no combination, cut by {@link #truncate} or
     * not, reads as a broadcast; and this is its own fixed point: {@code note(note(t))} is {@code note(t)}.
     */
    public static String note(String mrkdwn) {
        int open = mrkdwn.indexOf('<');
        if (open < 0) {
            return mrkdwn;
        }
        StringBuilder out = new StringBuilder(mrkdwn.length() + 16);
        int at = 0;
        while (open >= 0) {
            out.append(mrkdwn, at, open);
            int close = open + 1;
            while (close < mrkdwn.length() && mrkdwn.charAt(close) != '>' && mrkdwn.charAt(close) != '<') {
                close++;
            }
            if (close < mrkdwn.length() && mrkdwn.charAt(close) == '>') {
                out.append(entity(mrkdwn.substring(open + 1, close)));
                at = close + 1;
            } else {
                out.append("&lt;");
                at = open + 1;
            }
            open = mrkdwn.indexOf('<', at);
        }
        return out.append(mrkdwn, at, mrkdwn.length()).toString();
    }

    /** What a {@code <inside>} (no {@code <} or {@code >} in it) is shown as. */
    private static String entity(String inside) {
        java.util.regex.Matcher broadcast = BROADCAST.matcher(inside);
        if (broadcast.matches()) {
            return "@" + broadcast.group(1);
        }
        java.util.regex.Matcher subteam = SUBTEAM.matcher(inside);
        if (subteam.matches()) {
            String label = subteam.group(1) == null ? "" : subteam.group(1).strip();
            return label.isEmpty() ? "@group" : label.startsWith("@") ? label : "@" + label;
        }
        if (HARMLESS.matcher(inside).matches()) {
            return "<" + inside + ">";
        }
        return "&lt;" + inside + ">";
    }

    /**
     * At most {@code max} characters of mrkdwn; when cut, it ends with an ellipsis and never inside a Slack
     * entity ({@code <...>}), an HTML entity or a surrogate pair.
     */
    public static String truncate(String mrkdwn, int max) {
        if (mrkdwn.length() <= max) {
            return mrkdwn;
        }
        int cut = max - ELLIPSIS.length();
        int open = mrkdwn.lastIndexOf('<', cut - 1);
        if (open >= 0 && mrkdwn.lastIndexOf('>', cut - 1) < open) {
            cut = open;
        }
        int amp = mrkdwn.lastIndexOf('&', cut - 1);
        if (amp >= 0 && cut - amp <= 5 && mrkdwn.indexOf(';', amp) >= cut) {
            cut = amp;
        }
        if (cut > 0 && Character.isHighSurrogate(mrkdwn.charAt(cut - 1))) {
            cut--;
        }
        return mrkdwn.substring(0, cut).stripTrailing() + ELLIPSIS;
    }

    /** Plain text cut to {@code max} characters, for headers and fallbacks. */
    public static String truncatePlain(String plain, int max) {
        if (plain.length() <= max) {
            return plain;
        }
        int cut = max - ELLIPSIS.length();
        if (Character.isHighSurrogate(plain.charAt(cut - 1))) {
            cut--;
        }
        return plain.substring(0, cut).stripTrailing() + ELLIPSIS;
    }

    // What Slack itself writes inside angle brackets: mentions, channels, special mentions, links.
    private static final java.util.regex.Pattern ENTITY =
            java.util.regex.Pattern.compile("<(?:[@#!][^<>\\s]+|(?:https?|mailto):[^<>\\s]+)>");

    /**
     * Text typed into a form field, in Slack's message format: {@code &}, {@code <} and {@code >} escaped, except
     * Slack references left as they are ({@code <@U123>}, {@code <https://...|label>}), so a message's text shown in a
     * form and sent back unchanged is the message's text again.
     */
    public static String fromPlainInput(String typed) {
        StringBuilder out = new StringBuilder(typed.length() + 16);
        java.util.regex.Matcher entity = ENTITY.matcher(typed);
        int at = 0;
        while (entity.find()) {
            out.append(escape(typed.substring(at, entity.start()))).append(entity.group());
            at = entity.end();
        }
        return out.append(escape(typed.substring(at))).toString();
    }

    /**
     * Slack's message format as a person types it in a form field: only Slack's escaping undone. Only for a
     * {@code plain_text_input}'s initial value, which Slack never renders: anywhere Slack renders mrkdwn (blocks, a
     * message's text) this would bring back a live {@code <!channel>}; use {@link #note(String)} there.
     */
    public static String readable(String mrkdwn) {
        return mrkdwn.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** A date each reader sees in their own time zone ("Nov 25th, 2026"), with a UTC fallback. */
    public static String date(java.time.Instant when) {
        return "<!date^" + when.getEpochSecond() + "^{date_short_pretty}|"
                + java.time.format.DateTimeFormatter.ISO_LOCAL_DATE.format(when.atZone(java.time.ZoneOffset.UTC)) + ">";
    }

    /** A date and time each reader sees in their own time zone ("Monday, November 30th at 9:00 AM"). */
    public static String dateTime(java.time.Instant when) {
        return "<!date^" + when.getEpochSecond() + "^{date_long_pretty} at {time}|"
                + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .format(when.atZone(java.time.ZoneOffset.UTC)) + ">";
    }

    /** mrkdwn as plain text, for notifications: without emoji codes and formatting marks. */
    public static String plain(String mrkdwn) {
        return mrkdwn.replaceAll(":[a-z0-9_+\\-]+:\\s*", "").replaceAll("[*_`]", "").strip();
    }

    /** Each line as a mrkdwn quote. */
    public static String quote(String mrkdwn) {
        return mrkdwn.lines().map(line -> "> " + line).reduce((a, b) -> a + "\n" + b).orElse("> ");
    }
}
