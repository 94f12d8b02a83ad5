package app.takeaways.note;

import app.takeaways.workspace.ChannelType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One takeaway: a person's note from a talk, kept with the conversation it was captured in. The text is kept in
 * full, in Slack's message format, whatever its length; only its display is ever shortened.
 */
@Entity
@Table(name = "takeaways")
public class Takeaway {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "team_id", nullable = false)
    private String teamId;

    @Column(name = "channel_id", nullable = false)
    private String channelId;

    @Column(name = "channel_type", nullable = false)
    private ChannelType channelType;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(nullable = false)
    private String text;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private List<String> tags = new ArrayList<>();

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "takeaway_links", joinColumns = @JoinColumn(name = "takeaway_id"))
    @OrderColumn(name = "position")
    private List<Link> links = new ArrayList<>();

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "talk_id")
    private Talk talk;

    @Column(nullable = false)
    private Source source;

    @Column(name = "slack_request_id")
    private String slackRequestId;

    @Column(name = "message_ts")
    private String messageTs;

    @Column
    private String permalink;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected Takeaway() {
    }

    public Long id() {
        return id;
    }

    public String teamId() {
        return teamId;
    }

    public String channelId() {
        return channelId;
    }

    public ChannelType channelType() {
        return channelType;
    }

    public String userId() {
        return userId;
    }

    public String text() {
        return text;
    }

    public List<String> tags() {
        return List.copyOf(tags);
    }

    public List<Link> links() {
        return List.copyOf(links);
    }

    public Optional<Talk> talk() {
        return Optional.ofNullable(talk);
    }

    public Source source() {
        return source;
    }

    public Optional<String> slackRequestId() {
        return Optional.ofNullable(slackRequestId);
    }

    public Optional<String> messageTs() {
        return Optional.ofNullable(messageTs);
    }

    public Optional<String> permalink() {
        return Optional.ofNullable(permalink);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }
}
