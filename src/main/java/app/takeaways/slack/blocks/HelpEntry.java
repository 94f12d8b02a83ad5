package app.takeaways.slack.blocks;

/**
 * One line of {@code /takeaway help}.
 *
 * @param usage       what follows the command, e.g. {@code search <query>} ({@code <>} written literally)
 * @param description what it does, in mrkdwn
 * @param example     an example of what follows the command
 */
public record HelpEntry(String usage, String description, String example) {
}
