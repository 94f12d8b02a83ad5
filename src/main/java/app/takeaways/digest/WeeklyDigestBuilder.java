package app.takeaways.digest;

import app.takeaways.digest.WeeklyDigest.Item;
import app.takeaways.digest.WeeklyDigest.TagCount;
import app.takeaways.digest.WeeklyDigest.TalkSection;
import app.takeaways.note.Audience;
import app.takeaways.note.Conversation;
import app.takeaways.note.Visibility;
import app.takeaways.summary.CorpusStats;
import app.takeaways.summary.ExtractiveSummarizer;
import app.takeaways.summary.ExtractiveSummarizer.Note;
import app.takeaways.summary.Summary;
import app.takeaways.summary.TeamCorpus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a channel's weekly digest from the database: the takeaways captured in that channel during the week
 * (never another conversation's), grouped by talk with each talk's themes and best takeaways, the week's tags, and
 * one takeaway "from the archive": older than 90 days, about this week's themes, not brought back in the last 180
 * days, and one everyone in the channel may see ({@link Visibility} for its members: public, or from this channel;
 * in a channel shared with another organisation, only from this channel).
 */
@Service
public class WeeklyDigestBuilder {

    static final int BEST_PER_TALK = 3;
    static final int THEMES_PER_TALK = 3;
    static final int WEEK_THEMES = 6;
    static final int TAGS = 10;
    static final Duration ARCHIVE_AGE = Duration.ofDays(90);
    static final Duration RESURFACE_AGAIN_AFTER = Duration.ofDays(180);
    static final int ARCHIVE_CANDIDATES = 300;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{Nd}]+");

    private final JdbcClient jdbc;
    private final TeamCorpus corpus;
    private final Clock clock;

    WeeklyDigestBuilder(JdbcClient jdbc, TeamCorpus corpus, Clock clock) {
        this.jdbc = jdbc;
        this.corpus = corpus;
        this.clock = clock;
    }

    /**
     * The digest of a channel's week, with a new pick from the archive.
     *
     * @param channel   the channel it is for: its members are who it is shown to
     * @param lateSince when the digest was due, if it is being built more than an hour after that
     */
    public WeeklyDigest build(String teamId, Conversation channel, WeeklySchedule.Period period, ZoneId zone,
                              Optional<Instant> lateSince) {
        return build(teamId, channel, period, zone, lateSince, true, Optional.empty());
    }

    /**
     * The same digest again, as it is now (a takeaway it showed was edited or deleted): with the same pick from the
     * archive, if there was one and it may still be shown, never a new one.
     */
    public WeeklyDigest rebuild(String teamId, Conversation channel, WeeklySchedule.Period period, ZoneId zone,
                                Optional<Instant> lateSince, Optional<Long> archived) {
        return build(teamId, channel, period, zone, lateSince, false, archived);
    }

    private WeeklyDigest build(String teamId, Conversation channel, WeeklySchedule.Period period, ZoneId zone,
                               Optional<Instant> lateSince, boolean pickFromArchive, Optional<Long> picked) {
        String channelId = channel.id();
        Audience members = Audience.members(teamId, channel);
        Visibility.Predicate visible = Visibility.of(members, "t", Visibility.Derived.EXCLUDED);
        List<Row> rows = jdbc.sql("""
                        SELECT t.id, t.user_id, t.text, t.tags, t.permalink, t.created_at, t.talk_id, k.title,
                               coalesce(r.reactions, 0) AS reactions
                        FROM takeaways t
                        LEFT JOIN talks k ON k.id = t.talk_id
                        LEFT JOIN (SELECT message_ts, count(*) AS reactions FROM takeaway_reactions
                                   WHERE team_id = :team AND channel_id = :channel
                                   GROUP BY message_ts) r ON r.message_ts = t.message_ts
                        WHERE t.channel_id = :channel AND t.created_at >= :start AND t.created_at < :end
                          AND\s""" + visible.sql() + """

                        ORDER BY t.created_at DESC, t.id DESC
                        """)
                .params(visible.params())
                .param("team", teamId).param("channel", channelId)
                .param("start", utc(period.start())).param("end", utc(period.end()))
                .query((r, n) -> new Row(new Item(r.getLong("id"), r.getString("user_id"), r.getString("text"),
                        Optional.ofNullable(r.getString("permalink")), r.getInt("reactions"),
                        r.getObject("created_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(r.getString("title"))),
                        (Long) r.getObject("talk_id"), List.of((String[]) r.getArray("tags").getArray())))
                .list();
        if (rows.isEmpty()) {
            return new WeeklyDigest(teamId, channelId, period.start(), period.end(), zone, lateSince, 0, 0, 0,
                    List.of(), List.of(), Optional.empty(), List.of());
        }
        CorpusStats stats = corpus.of(teamId);

        Map<Long, List<Row>> byTalk = new LinkedHashMap<>();
        List<Row> noTalk = new ArrayList<>();
        for (Row row : rows) {
            if (row.talkId() == null) {
                noTalk.add(row);
            } else {
                byTalk.computeIfAbsent(row.talkId(), id -> new ArrayList<>()).add(row);
            }
        }
        List<TalkSection> sections = new ArrayList<>();
        byTalk.values().stream()
                // busiest first; on a tie, the one with the newest takeaway (rows come newest first)
                .sorted(Comparator.comparingInt((List<Row> talk) -> -talk.size())
                        .thenComparing(talk -> talk.get(0).item().createdAt(), Comparator.reverseOrder()))
                .forEach(talk -> sections.add(section(talk.get(0).item().talkTitle(), talk, stats)));
        if (!noTalk.isEmpty()) {
            sections.add(section(Optional.empty(), noTalk, stats));
        }

        Set<String> people = new LinkedHashSet<>();
        Map<String, Integer> tagCounts = new HashMap<>();
        for (Row row : rows) {
            people.add(row.item().userId());
            row.tags().forEach(tag -> tagCounts.merge(tag, 1, Integer::sum));
        }
        List<TagCount> tags = tagCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TAGS)
                .map(entry -> new TagCount(entry.getKey(), entry.getValue()))
                .toList();

        Optional<Item> archive;
        if (pickFromArchive) {
            List<String> weekThemes = ExtractiveSummarizer.summarize(null, notes(rows), stats, WEEK_THEMES)
                    .themeLabels();
            archive = fromTheArchive(members, period.end(), weekThemes, tags);
        } else {
            archive = picked.flatMap(id -> archived(members, id));
        }
        List<Long> sources = new ArrayList<>(rows.stream().map(row -> row.item().id()).toList());
        archive.ifPresent(item -> sources.add(item.id()));
        return new WeeklyDigest(teamId, channelId, period.start(), period.end(), zone, lateSince, rows.size(),
                people.size(), byTalk.size(), sections, tags, archive, sources);
    }

    /** Marks a takeaway as brought back by a digest: not again for 180 days. */
    public void recordResurfaced(String teamId, long takeawayId) {
        jdbc.sql("""
                        INSERT INTO digest_resurfaced (team_id, takeaway_id, resurfaced_at) VALUES (:team, :id, :now)
                        ON CONFLICT (team_id, takeaway_id) DO UPDATE SET resurfaced_at = EXCLUDED.resurfaced_at
                        """)
                .param("team", teamId).param("id", takeawayId).param("now", utc(clock.instant())).update();
    }

    private static TalkSection section(Optional<String> title, List<Row> talk, CorpusStats stats) {
        Summary summary = ExtractiveSummarizer.summarize(title.orElse(null), notes(talk), stats, THEMES_PER_TALK);
        List<Item> best = talk.stream().map(Row::item)
                .sorted(Comparator.comparingInt((Item item) -> -item.reactions())
                        .thenComparing(Item::createdAt, Comparator.reverseOrder())
                        .thenComparing(Item::id, Comparator.reverseOrder()))
                .limit(BEST_PER_TALK)
                .toList();
        return new TalkSection(title, talk.size(), summary.themeLabels(), best,
                summary.contributors().stream().map(Summary.Contributor::userId).toList());
    }

    private static List<Note> notes(List<Row> rows) {
        return rows.stream().map(Row::note).toList();
    }

    private Optional<Item> fromTheArchive(Audience members, Instant periodEnd, List<String> themes,
                                          List<TagCount> tags) {
        Set<String> words = new LinkedHashSet<>();
        themes.forEach(theme -> addWords(theme, words));
        tags.stream().limit(3).forEach(tag -> addWords(tag.tag(), words));
        if (words.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Visibility.Predicate visible = Visibility.of(members, "c", Visibility.Derived.EXCLUDED);
        // Of the older takeaways about these themes, the most recent few hundred are ranked: a theme the team writes
        // about every week has tens of thousands of matches, and the newest of them are the ones worth a reminder.
        return jdbc.sql("""
                        WITH q AS (SELECT to_tsquery('english', :query) AS query)
                        SELECT t.id, t.user_id, t.text, t.permalink, t.created_at, k.title
                        FROM takeaways t CROSS JOIN q LEFT JOIN talks k ON k.id = t.talk_id
                        WHERE t.id IN (SELECT c.id FROM takeaways c
                                       WHERE c.created_at < :before
                                         AND\s""" + visible.sql() + """

                                         AND c.search_vector @@ to_tsquery('english', :query)
                                         AND NOT EXISTS (SELECT 1 FROM digest_resurfaced r
                                                         WHERE r.team_id = c.team_id AND r.takeaway_id = c.id
                                                           AND r.resurfaced_at > :again)
                                       ORDER BY c.created_at DESC
                                       LIMIT :candidates)
                        ORDER BY ts_rank(t.search_vector, q.query, 1) DESC, t.created_at DESC, t.id DESC
                        LIMIT 1
                        """)
                .params(visible.params())
                .param("candidates", ARCHIVE_CANDIDATES)
                .param("query", String.join(" | ", words))
                .param("before", utc(periodEnd.minus(ARCHIVE_AGE)))
                .param("again", utc(now.minus(RESURFACE_AGAIN_AFTER)))
                .query(WeeklyDigestBuilder::archiveItem)
                .optional();
    }

    /** The takeaway picked from the archive before, if everyone in the channel may still see it. */
    private Optional<Item> archived(Audience members, long id) {
        Visibility.Predicate visible = Visibility.of(members, "t", Visibility.Derived.EXCLUDED);
        return jdbc.sql("""
                        SELECT t.id, t.user_id, t.text, t.permalink, t.created_at, k.title
                        FROM takeaways t LEFT JOIN talks k ON k.id = t.talk_id
                        WHERE t.id = :id AND\s""" + visible.sql())
                .params(visible.params()).param("id", id)
                .query(WeeklyDigestBuilder::archiveItem)
                .optional();
    }

    /** A takeaway from the archive, as the digest shows it (reactions are only counted for the week's). */
    private static Item archiveItem(java.sql.ResultSet r, int n) throws java.sql.SQLException {
        return new Item(r.getLong("id"), r.getString("user_id"), r.getString("text"),
                Optional.ofNullable(r.getString("permalink")), 0,
                r.getObject("created_at", OffsetDateTime.class).toInstant(), Optional.ofNullable(r.getString("title")));
    }

    /** Words safe to hand to to_tsquery: letters and digits only. */
    private static void addWords(String text, Set<String> words) {
        Matcher word = WORD.matcher(text.toLowerCase(java.util.Locale.ROOT));
        while (word.find() && words.size() < 12) {
            words.add(word.group());
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A takeaway of the week; its words are read once (as its note), for its talk's themes and the week's. */
    private record Row(Item item, Long talkId, List<String> tags, Note note) {

        Row(Item item, Long talkId, List<String> tags) {
            this(item, talkId, tags, new Note(item.id(), item.userId(), item.text(), List.of()));
        }
    }
}
