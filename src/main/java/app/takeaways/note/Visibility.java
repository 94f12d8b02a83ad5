package app.takeaways.note;

import app.takeaways.workspace.ChannelType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who may see a takeaway: the one place that decides it, as SQL for readers that query and as a Java check for
 * rows already in hand. Every reader asks it; no other code reads the privacy columns ({@code channel_type},
 * {@code deleted_at}, {@code source}, {@code quotes}).
 * <p>
 * The rules (PRODUCT.md, "Rules the data keeps"):
 * <ul>
 * <li>Only the audience's workspace, never a deleted takeaway.</li>
 * <li>A takeaway from a public channel may be seen anywhere in the workspace, except in a conversation that is its
 * own only ({@link ChannelType#isOwnConversationOnly()}: shared with another organisation, or of unknown kind),
 * where only what was written in it is shown.</li>
 * <li>Any other takeaway (private channel, DM, group DM, shared channel, unknown) is seen only in its conversation,
 * and by its author for themselves (outside a shared conversation).</li>
 * <li>A derived takeaway (a kept summary) is credited to the bot, so nobody sees it as its author. It only ever
 * quotes what everyone where it was posted may see, and it is seen only where it was posted may be seen: so never
 * more widely than the least visible takeaway it quotes. When one of those is edited, deleted or becomes less
 * visible, it is shown nowhere until it is derived again ({@link DerivedTakeaways}).</li>
 * </ul>
 */
public final class Visibility {

    /** Whether derived takeaways (kept summaries) are read too: search finds them; summaries and digests do not. */
    public enum Derived {
        EXCLUDED, INCLUDED
    }

    /** A condition on a takeaways row, with its named parameters (all starting with {@code vis}). */
    public record Predicate(String sql, Map<String, Object> params) {

        public Predicate {
            params = Map.copyOf(params);
        }
    }

    /** Where and by whom a takeaway was written: what the Java check needs. */
    public record Written(String teamId, String channelId, ChannelType kind, String userId, boolean derived) {
    }

    private static final String DERIVED = "'summary'";

    private Visibility() {
    }

    /**
     * What {@code audience} may see, as a condition on the takeaways row {@code alias} (team, not deleted, derived
     * rows only when {@code derived} says so, privacy). Its parameters go with the statement's own.
     */
    public static Predicate of(Audience audience, String alias, Derived derived) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("visTeam", audience.teamId());
        StringBuilder sql = new StringBuilder();
        sql.append(alias).append(".team_id = :visTeam AND ").append(alias).append(".deleted_at IS NULL");
        if (derived == Derived.EXCLUDED) {
            sql.append(" AND ").append(ordinary(alias));
        }
        sql.append(" AND ").append(privacy(audience, alias, params));
        if (derived == Derived.INCLUDED) {
            // A derived takeaway quotes only what may be seen where it was posted, so where it may be seen, so may
            // they; once one of them changed (edited, deleted, less visible) it is shown nowhere until derived again.
            sql.append(" AND (").append(alias).append(".quotes IS NULL OR ").append(alias)
                    .append(".quotes_changed_at IS NULL)");
        }
        return new Predicate(sql.toString(), params);
    }

    /** The columns {@link #written(ResultSet)} reads back, to select next to a reader's own. */
    public static String writtenColumns(String alias) {
        return alias + ".team_id AS vis_team, " + alias + ".channel_id AS vis_channel, " + alias
                + ".channel_type AS vis_kind, " + alias + ".user_id AS vis_user, " + alias + ".source = " + DERIVED
                + " AS vis_derived";
    }

    /** Where and by whom a row selected with {@link #writtenColumns} was written. */
    public static Written written(ResultSet rows) throws SQLException {
        return new Written(rows.getString("vis_team"), rows.getString("vis_channel"),
                ChannelType.fromValue(rows.getString("vis_kind")), rows.getString("vis_user"),
                rows.getBoolean("vis_derived"));
    }

    /** Takeaways people wrote, not derived ones (kept summaries): for counting what a talk gained. */
    public static String ordinary(String alias) {
        return alias + ".source <> " + DERIVED;
    }

    /**
     * The same rule for a takeaway in hand. A derived takeaway is never allowed here: what it quotes is only checked
     * by {@link #of}, so derived rows are only ever shown through it.
     */
    public static boolean allows(Audience audience, Written written) {
        if (!audience.teamId().equals(written.teamId()) || written.derived()) {
            return false;
        }
        Optional<Conversation> where = audience.shownIn();
        if (where.isPresent() && where.get().id().equals(written.channelId())) {
            return true;
        }
        if (where.isPresent() && where.get().kind().isOwnConversationOnly()) {
            return false;
        }
        if (written.kind().isPublic()) {
            return true;
        }
        return audience instanceof Audience.Person person && person.userId().equals(written.userId());
    }

    private static String privacy(Audience audience, String alias, Map<String, Object> params) {
        Optional<Conversation> where = audience.shownIn();
        where.ifPresent(conversation -> params.put("visChannel", conversation.id()));
        String here = alias + ".channel_id = :visChannel";
        if (where.isPresent() && where.get().kind().isOwnConversationOnly()) {
            return here;
        }
        String anywhere = alias + ".channel_type = '" + ChannelType.PUBLIC_CHANNEL.value() + "'";
        StringBuilder sql = new StringBuilder("(").append(anywhere);
        if (where.isPresent()) {
            sql.append(" OR ").append(here);
        }
        if (audience instanceof Audience.Person person) {
            params.put("visViewer", person.userId());
            sql.append(" OR (").append(alias).append(".user_id = :visViewer AND ").append(ordinary(alias)).append(')');
        }
        return sql.append(')').toString();
    }
}
