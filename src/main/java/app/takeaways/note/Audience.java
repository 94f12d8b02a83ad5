package app.takeaways.note;

import java.util.Objects;
import java.util.Optional;

/**
 * Who takeaways are being shown to, for {@link Visibility} to decide what they may see. Every reader of takeaways
 * (search and its close spellings, App Home, digests and the archive pick, summaries, Share, the language model's
 * prompt, exports) says who it reads for.
 */
public sealed interface Audience {

    String teamId();

    /** A person looking, for themselves (search results, App Home); in a conversation, or outside any. */
    record Person(String teamId, String userId, Optional<Conversation> where) implements Audience {

        public Person {
            Objects.requireNonNull(teamId, "teamId");
            Objects.requireNonNull(userId, "userId");
            where = where == null ? Optional.empty() : where;
        }
    }

    /** Everyone in a conversation: what is posted there (a digest, a summary, a shared takeaway). */
    record Members(String teamId, Conversation conversation) implements Audience {

        public Members {
            Objects.requireNonNull(teamId, "teamId");
            Objects.requireNonNull(conversation, "conversation");
        }
    }

    /** Anyone in the workspace, wherever they are: only what every member may see (the team's word counts). */
    record Anyone(String teamId) implements Audience {

        public Anyone {
            Objects.requireNonNull(teamId, "teamId");
        }
    }

    static Audience person(String teamId, String userId, Conversation where) {
        return new Person(teamId, userId, Optional.ofNullable(where));
    }

    static Audience members(String teamId, Conversation conversation) {
        return new Members(teamId, conversation);
    }

    static Audience anyone(String teamId) {
        return new Anyone(teamId);
    }

    /** The person asking, if it is one person. */
    default Optional<String> viewerId() {
        return this instanceof Person person ? Optional.of(person.userId()) : Optional.empty();
    }

    /** The conversation it is shown in, if any. */
    default Optional<Conversation> shownIn() {
        if (this instanceof Person person) {
            return person.where();
        }
        return this instanceof Members members ? Optional.of(members.conversation()) : Optional.empty();
    }
}
