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

    /** Escapes plain text (a talk title, say) for mrkdwn, as Slack asks: only {@code &}, {@code <} and {@code >}. */
    public static String escape(String plain) {
        return plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
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

    /** Slack's message format as a person types it in a form field: only Slack's escaping undone. */
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
