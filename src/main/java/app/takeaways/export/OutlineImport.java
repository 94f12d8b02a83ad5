package app.takeaways.export;

import app.takeaways.note.CaptureTakeaway;
import app.takeaways.platform.Fingerprint;
import app.takeaways.note.CapturedTakeaway;
import app.takeaways.note.Source;
import app.takeaways.note.TakeawayCapture;
import app.takeaways.workspace.ChannelType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Saves an outline's takeaways as the importing person's, in the conversation where they asked (so who may see
 * them is decided as for any capture), through the same capture as every other surface: links, tags and talks
 * (created or matched by title, with the outline's day or event) as for a capture. One transaction: all or
 * nothing. Idempotent: each takeaway is identified by who imports it, its talk, its text and (for the same text
 * twice in a talk) which occurrence it is, so importing the same outline again adds nothing, and an extended one
 * only what is new.
 */
@Service
public class OutlineImport {

    /** What an import did: takeaways added, takeaways that were there from an earlier import, talks they are in. */
    public record Imported(int added, int alreadyThere, int talks) {
    }

    private final TakeawayCapture capture;

    OutlineImport(TakeawayCapture capture) {
        this.capture = capture;
    }

    @Transactional
    public Imported save(String teamId, String channelId, ChannelType channelType, String userId,
                         List<OutlineShape.Read> takeaways) {
        int added = 0;
        int alreadyThere = 0;
        Set<String> talks = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (OutlineShape.Read read : takeaways) {
            String identity = read.talk().orElse("") + '\u0001' + read.text();
            int occurrence = seen.merge(identity, 1, Integer::sum);
            CapturedTakeaway saved = capture.capture(new CaptureTakeaway(teamId, channelId, channelType, userId,
                    read.text(), Source.IMPORT, requestId(userId, identity, occurrence), null, null, null, null,
                    read.talk().orElse(null), read.event().orElse(null), List.of(), null, null));
            if (saved.alreadySaved()) {
                alreadyThere++;
            } else {
                added++;
            }
            saved.talkTitle().ifPresent(talks::add);
        }
        return new Imported(added, alreadyThere, talks.size());
    }

    /** What identifies an imported takeaway, as a Slack request id identifies a capture. */
    private static String requestId(String userId, String identity, int occurrence) {
        return "import:" + Fingerprint.of(userId, identity, String.valueOf(occurrence));
    }
}
