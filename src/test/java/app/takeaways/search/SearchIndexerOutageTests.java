package app.takeaways.search;

import app.takeaways.note.TakeawayIndex;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.BadSqlGrammarException;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** While the database is away the indexer says so once, and once when it is back; a bug is not hidden. */
class SearchIndexerOutageTests {

    private final TakeawayIndex index = mock(TakeawayIndex.class);
    private final TermStatistics statistics = mock(TermStatistics.class);
    private final SearchIndexer indexer = new SearchIndexer(index, statistics, new Meaning(false),
            new RecentMeanings(10), Duration.ofMillis(500), false);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void listen() {
        log.start();
        ((Logger) LoggerFactory.getLogger(SearchIndexer.class)).addAppender(log);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(SearchIndexer.class)).detachAppender(log);
    }

    @Test
    void anOutageIsOneWarningAndItsEndOneLine() {
        CannotGetJdbcConnectionException away = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLException("Connection refused", "08001"));
        when(index.indexWords(SearchIndexer.WORDS_BATCH)).thenThrow(away, away, away, away, away, away, away, away,
                away, away).thenReturn(Map.of());

        for (int round = 0; round < 11; round++) {
            indexer.runOnce();
        }

        assertThat(log.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
        assertThat(log.list.get(0).getFormattedMessage()).isEqualTo("Search indexing waits for the database"
                + " (SQLException); new takeaways are found by their text meanwhile");
        assertThat(log.list.get(1).getFormattedMessage()).isEqualTo("Search indexing resumed: the database is back");
        assertThat(log.list).allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
    }

    @Test
    void aBugIsNotTakenForAnOutage() {
        when(index.indexWords(SearchIndexer.WORDS_BATCH)).thenThrow(new BadSqlGrammarException("index",
                "SELECT nonsense", new SQLException("syntax error", "42601")));

        assertThatThrownBy(indexer::runOnce).isInstanceOf(BadSqlGrammarException.class);
        assertThat(log.list).isEmpty();
    }
}
