package app.takeaways.note;

/**
 * A workspace's data is being deleted, all of it, after the app was uninstalled from it ({@link TeamErasure}).
 * Published inside the transaction that deletes it, before the note module's own rows go: each module deletes what
 * it keeps of the team in its listener (what refers to the team's takeaways and talks first, so nothing is left
 * pointing at them), and the team is gone entirely or not at all.
 */
public record TeamErased(String teamId) {
}
