package app.takeaways.slack.blocks;

import app.takeaways.note.RecentTakeaways.Entry;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.DispatchActionConfig;
import com.slack.api.model.view.View;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;

/**
 * App Home: a button to save a takeaway, buttons to export, a search box (and its results), the person's recent
 * takeaways, the team's recent ones they may see, and the weekly digests of the channels they are in.
 * Within Slack's 100 blocks for a Home view, whatever the data.
 */
public final class HomeView {

    /** Slack's limit of blocks in a Home tab. */
    public static final int MAX_BLOCKS = 100;
    static final int EXCERPT = 300;

    private HomeView() {
    }

    /** A weekly digest of a channel the person is in; {@code next} is empty while it is paused. */
    public record DigestSetting(String channelId, String schedule, Optional<Instant> next) {
    }

    /**
     * The digests of the channels the person is in; {@code ofTheirChannels} is empty when Slack could not say which
     * channels those are.
     */
    public record Digests(Optional<List<DigestSetting>> ofTheirChannels) {

        public static Digests of(List<DigestSetting> settings) {
            return new Digests(Optional.of(List.copyOf(settings)));
        }

        public static Digests unknown() {
            return new Digests(Optional.empty());
        }
    }

    public static View render(List<Entry> mine, List<Entry> team) {
        return render(mine, team, "", List.of(), Digests.of(List.of()));
    }

    /**
     * With a search: the query in the search box, and {@code searchBlocks} (a page of results, or why there are
     * none) under it.
     */
    public static View render(List<Entry> mine, List<Entry> team, String query, List<LayoutBlock> searchBlocks,
                              Digests digests) {
        List<LayoutBlock> digestBlocks = digestBlocks(digests);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Takeaways", true))));
        blocks.add(section(s -> s.text(markdownText("Keep what you learn at talks, courses and conferences, and find"
                        + " what your team learned. Use `/takeaway` in any channel, react with :memo: to a message,"
                        + " or reply in a talk thread."))
                .accessory(button(b -> b.actionId(ActionIds.HOME_CAPTURE).text(plainText("Save a takeaway"))
                        .style("primary")))));
        blocks.add(actions(a -> a.blockId("home_export").elements(List.of(
                button(b -> b.actionId(ActionIds.HOME_EXPORT_MINE).text(plainText("Export my takeaways"))),
                button(b -> b.actionId(ActionIds.HOME_EXPORT_VISIBLE).text(plainText("Export what I can see")))))));
        blocks.add(input(i -> i.blockId(ActionIds.HOME_SEARCH).dispatchAction(true)
                .label(plainText("Search takeaways"))
                .hint(plainText("Press Enter to search. Words, \"phrases\", -leave-out, tag:k8s, from:me, talk:\"title\","
                        + " after:2026-01-31"))
                .element(plainTextInput(p -> p.actionId(ActionIds.HOME_SEARCH)
                        .initialValue(query.isBlank() ? null : SlackText.truncatePlain(query, 150))
                        .placeholder(plainText("e.g. karpenter autoscaling"))
                        .dispatchActionConfig(DispatchActionConfig.builder()
                                .triggerActionsOn(List.of("on_enter_pressed")).build())))));
        blocks.addAll(searchBlocks);
        blocks.add(divider());
        blocks.add(section(s -> s.text(markdownText("*Your recent takeaways*"))));
        if (mine.isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(markdownText(
                    "Nothing yet. Try `/takeaway` followed by what you learned, in any channel.")))));
        }
        int room = MAX_BLOCKS - digestBlocks.size() - 1;
        mine.forEach(entry -> add(blocks, entry, false, room));
        blocks.add(divider());
        blocks.add(section(s -> s.text(markdownText("*Recently from your team*"))));
        if (team.isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(markdownText(
                    "Nothing from your team yet: takeaways saved in public channels show here.")))));
        }
        team.forEach(entry -> add(blocks, entry, true, room));
        blocks.add(context(c -> c.elements(List.of(markdownText(
                "Takeaways from private channels and DMs show here to their authors only.")))));
        List<LayoutBlock> fitting = new ArrayList<>(blocks.subList(0, Math.min(blocks.size(),
                MAX_BLOCKS - digestBlocks.size())));
        fitting.addAll(digestBlocks);
        return view(v -> v.type("home").blocks(fitting));
    }

    /** The weekly digests of the person's channels: a title, one line each, or why there are none. */
    static List<LayoutBlock> digestBlocks(Digests digests) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(divider());
        blocks.add(section(s -> s.text(markdownText("*Weekly digests in your channels*"))));
        if (digests.ofTheirChannels().isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(markdownText("Slack did not say which channels you are in"
                    + " just now. `/takeaway digest status` in a channel shows its digest.")))));
            return blocks;
        }
        List<DigestSetting> settings = digests.ofTheirChannels().get();
        if (settings.isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(markdownText("None of your channels gets a weekly digest yet."
                    + " `/takeaway digest on` in a channel starts one.")))));
            return blocks;
        }
        StringBuilder lines = new StringBuilder();
        int shown = 0;
        for (DigestSetting setting : settings) {
            String line = "• <#" + setting.channelId() + ">: every " + SlackText.escape(setting.schedule())
                    + setting.next().map(next -> ", next " + SlackText.dateTime(next))
                    .orElse(", :pause_button: paused (`/takeaway digest on` there resumes it)") + "\n";
            if (lines.length() + line.length() > SlackText.SECTION_LIMIT - 100) {
                break;
            }
            lines.append(line);
            shown++;
        }
        if (shown < settings.size()) {
            lines.append("…and ").append(settings.size() - shown).append(" more channels.");
        }
        String text = lines.toString().strip();
        blocks.add(section(s -> s.text(markdownText(text))));
        return blocks;
    }

    private static void add(List<LayoutBlock> blocks, Entry entry, boolean withAuthor, int room) {
        if (blocks.size() + 2 > room) {
            return;
        }
        String talk = entry.talkTitle().map(title -> "*" + SlackText.escape(title) + "*\n").orElse("");
        String text = talk + SlackText.truncate(SlackText.note(entry.text()), EXCERPT);
        blocks.add(section(s -> s.text(markdownText(SlackText.truncate(text, SlackText.SECTION_LIMIT)))));
        List<String> details = new ArrayList<>();
        if (withAuthor) {
            details.add("<@" + entry.userId() + ">");
        }
        details.add(entry.channelId().startsWith("D") ? "a DM" : "<#" + entry.channelId() + ">");
        details.add(SlackText.date(entry.createdAt()));
        if (!entry.tags().isEmpty()) {
            details.add(entry.tags().stream().limit(8).map(tag -> "#" + tag).collect(Collectors.joining(" ")));
        }
        entry.permalink().ifPresent(link -> details.add("<" + link + "|View message>"));
        blocks.add(context(c -> c.elements(List.of(markdownText(
                SlackText.truncate(String.join("  ·  ", details), SlackText.CONTEXT_ELEMENT_LIMIT))))));
    }
}
