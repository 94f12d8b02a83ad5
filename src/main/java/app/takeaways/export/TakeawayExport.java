package app.takeaways.export;

import app.takeaways.note.Audience;
import app.takeaways.note.TakeawayTextParser;
import app.takeaways.note.Visibility;
import app.takeaways.search.SearchQuery;
import app.takeaways.search.TakeawaySearch;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A person's takeaways given back: read from the database a few hundred rows at a time (a cursor, never all of them
 * in memory), only what the audience may see ({@link Visibility}; kept summaries are not exported), and only what
 * the query selects ({@link TakeawaySearch#selecting}); written as a Markdown outline and a CSV as they are read.
 * <p>
 * The order lets the outline be written in one pass: the takeaways of one day or event together, in it each talk's
 * together, each group where its first takeaway was written, and in a talk as they were written.
 */
@Service
public class TakeawayExport {

    /** Rows fetched at a time from the cursor. */
    static final int FETCH_SIZE = 500;

    /** What an export wrote: how many takeaways. */
    public record Written(int takeaways) {

        public boolean isEmpty() {
            return takeaways == 0;
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    TakeawayExport(DataSource dataSource, PlatformTransactionManager transactions) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        // With autocommit off (the transaction) and a fetch size, Postgres' driver reads through a cursor.
        template.setFetchSize(FETCH_SIZE);
        this.jdbc = new NamedParameterJdbcTemplate(template);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * Each takeaway the audience may see that the query selects (all of them for a null or empty query), in
     * outline order, one at a time.
     *
     * @return how many there were
     */
    public int forEach(Audience audience, SearchQuery query, Consumer<ExportedTakeaway> each) {
        Visibility.Predicate visible = Visibility.of(audience, "t", Visibility.Derived.EXCLUDED);
        Map<String, Object> params = new LinkedHashMap<>(visible.params());
        String selected = "";
        if (query != null) {
            TakeawaySearch.Statement selecting = TakeawaySearch.selecting(audience, query);
            params.putAll(selecting.params());
            selected = "  AND " + selecting.sql();
        }
        String sql = """
                SELECT r.* FROM (
                    SELECT t.id, t.user_id, t.channel_id, c.name AS channel_name, k.event, k.title AS talk, t.text,
                           t.tags, t.permalink, t.created_at,
                           ARRAY(SELECT l.url FROM takeaway_links l
                                 WHERE l.team_id = t.team_id AND l.takeaway_id = t.id ORDER BY l.position) AS link_urls,
                           ARRAY(SELECT l.label FROM takeaway_links l
                                 WHERE l.team_id = t.team_id AND l.takeaway_id = t.id ORDER BY l.position) AS link_labels,
                           CASE WHEN k.event IS NOT NULL THEN 'e' || k.event
                                WHEN t.talk_id IS NOT NULL THEN 't' || t.talk_id
                                ELSE 'r' || t.id END AS event_group,
                           coalesce('t' || t.talk_id, 'r' || t.id) AS talk_group
                    FROM takeaways t
                    LEFT JOIN talks k ON k.team_id = t.team_id AND k.id = t.talk_id
                    LEFT JOIN channels c ON c.team_id = t.team_id AND c.channel_id = t.channel_id
                    WHERE""" + " " + visible.sql() + "\n" + selected + """
                ) r
                ORDER BY min(r.created_at) OVER (PARTITION BY r.event_group), min(r.id) OVER (PARTITION BY r.event_group),
                         min(r.created_at) OVER (PARTITION BY r.talk_group), min(r.id) OVER (PARTITION BY r.talk_group),
                         r.created_at, r.id
                """;
        int[] count = {0};
        readOnly.executeWithoutResult(status -> jdbc.query(sql, params, rows -> {
            each.accept(takeaway(rows));
            count[0]++;
        }));
        return count[0];
    }

    /**
     * Writes the Markdown outline and the CSV of what {@link #forEach} reads, in one pass, to these files (UTF-8).
     *
     * @param header the outline's first lines ({@link MarkdownOutlineWriter#property}): who, when, what was asked
     */
    public Written write(Audience audience, SearchQuery query, ExportNames names, List<String> header, Path markdown,
                         Path csv) throws IOException {
        ExportNames cached = cachedPerExport(names);
        try (Writer markdownFile = new BufferedWriter(Files.newBufferedWriter(markdown, StandardCharsets.UTF_8));
             Writer csvFile = new BufferedWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8));
             MarkdownOutlineWriter outline = new MarkdownOutlineWriter(markdownFile, cached, header);
             CsvExportWriter rows = new CsvExportWriter(csvFile, cached)) {
            int count = forEach(audience, query, takeaway -> {
                outline.write(takeaway);
                rows.write(takeaway);
            });
            return new Written(count);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Each person's name asked once per export, however many takeaways they wrote. */
    private static ExportNames cachedPerExport(ExportNames names) {
        Map<String, Optional<String>> known = new ConcurrentHashMap<>();
        return userId -> known.computeIfAbsent(userId, names::person);
    }

    /** The text as shown back: its {@code talk:"..."} is said by where it is written (under its talk). */
    private static String withoutTalkDirective(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).contains("talk:") ? TakeawayTextParser.parse(text).body() : text;
    }

    private static ExportedTakeaway takeaway(ResultSet rows) throws SQLException {
        String[] urls = (String[]) rows.getArray("link_urls").getArray();
        String[] labels = (String[]) rows.getArray("link_labels").getArray();
        List<ExportedTakeaway.Link> links = new ArrayList<>(urls.length);
        for (int i = 0; i < urls.length; i++) {
            links.add(new ExportedTakeaway.Link(urls[i], i < labels.length ? labels[i] : null));
        }
        return new ExportedTakeaway(rows.getLong("id"), rows.getString("user_id"), rows.getString("channel_id"),
                Optional.ofNullable(rows.getString("channel_name")), Optional.ofNullable(rows.getString("event")),
                Optional.ofNullable(rows.getString("talk")), withoutTalkDirective(rows.getString("text")),
                List.of((String[]) rows.getArray("tags").getArray()), links,
                Optional.ofNullable(rows.getString("permalink")),
                rows.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
