package app.takeaways.note;

/**
 * A person was erased from a workspace ({@link PersonErasure}). Published inside the transaction that deleted their
 * takeaways, so what other modules keep of them (drafts, pending captures) goes in the same commit.
 */
public record PersonErased(String teamId, String userId) {
}
