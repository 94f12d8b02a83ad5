package app.takeaways.slack.actions;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.export.OutlineImport;
import app.takeaways.slack.AfterAck;
import app.takeaways.slack.ChannelClassifier;
import app.takeaways.slack.DatabaseCalls;
import app.takeaways.slack.OutlineText;
import app.takeaways.slack.SlackGateway;
import app.takeaways.slack.SlackIds;
import app.takeaways.slack.SlackSurface;
import app.takeaways.slack.blocks.ActionIds;
import app.takeaways.slack.blocks.ImportMessages;
import app.takeaways.slack.blocks.SlackMessage;
import app.takeaways.slack.views.ImportDrafts;
import app.takeaways.slack.views.ImportDrafts.Draft;
import app.takeaways.workspace.ChannelType;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Optional;

/**
 * Import and Cancel under an import's preview. Acknowledged at once; the work follows and its answer replaces the
 * preview. Import saves the draft's takeaways and removes the draft in one transaction, the draft locked, so a
 * second click waits for the first and then finds nothing left to do. Only the person who sent the outline may
 * import or cancel it.
 */
@Component
class ImportButtons implements SlackSurface {

    private static final Logger log = LoggerFactory.getLogger(ImportButtons.class);

    private final ImportDrafts drafts;
    private final OutlineImport imports;
    private final ChannelClassifier classifier;
    private final TransactionTemplate transactions;
    private final SlackGateway gateway;
    private final AfterAck afterAck;
    private final DatabaseOutages outages;

    ImportButtons(ImportDrafts drafts, OutlineImport imports, ChannelClassifier classifier,
                  TransactionTemplate transactions, SlackGateway gateway, AfterAck afterAck, DatabaseOutages outages) {
        this.outages = outages;
        this.drafts = drafts;
        this.imports = imports;
        this.classifier = classifier;
        this.transactions = transactions;
        this.gateway = gateway;
        this.afterAck = afterAck;
    }

    @Override
    public void register(App app) {
        app.blockAction(ActionIds.IMPORT_CONFIRM, (request, context) -> later(request, context, true));
        app.blockAction(ActionIds.IMPORT_CANCEL, (request, context) -> later(request, context, false));
    }

    /** A click, as the work after the ack needs it. */
    private record Click(String teamId, String userId, String draftId, String responseUrl) {
    }

    private Response later(BlockActionRequest request, ActionContext context, boolean importing) {
        BlockActionPayload payload = request.getPayload();
        Click click = new Click(SlackIds.team(payload, context),
                payload.getUser().getId(), payload.getActions().get(0).getValue(), payload.getResponseUrl());
        if (importing) {
            // Thousands of captures in one transaction (seconds for a 5,000-line outline): never on the quick pool.
            afterAck.runSlow("Import button", () -> importDraft(click));
        } else {
            afterAck.run("Cancel import button", () -> cancel(click));
        }
        return context.ack();
    }

    /** What pressing Import came to. */
    private record Outcome(SlackMessage message, boolean replacesPreview) {
    }

    private void importDraft(Click click) {
        Outcome outcome;
        try {
            outcome = DatabaseCalls.retryingOnce(() -> {
                Optional<Draft> found = drafts.find(click.teamId(), click.draftId());
                if (found.isEmpty() || found.get().outline().isEmpty()) {
                    return new Outcome(ImportMessages.gone(), false);
                }
                if (!found.get().userId().equals(click.userId())) {
                    return new Outcome(ImportMessages.notYours(found.get().userId()), false);
                }
                // Asked before the transaction: Slack may be slow, and the draft stays unlocked meanwhile.
                ChannelType kind = classifier.kindNow(click.teamId(), found.get().channelId(), found.get().hint());
                return transactions.execute(status -> drafts.lock(click.teamId(), click.draftId())
                        .map(draft -> {
                            OutlineImport.Imported imported = imports.save(draft.teamId(), draft.channelId(), kind,
                                    draft.userId(), OutlineText.takeaways(draft.outline(), draft.sourceName()));
                            drafts.remove(draft.teamId(), draft.id());
                            return new Outcome(ImportMessages.imported(imported), true);
                        })
                        .orElseGet(() -> new Outcome(ImportMessages.gone(), false)));
            });
        } catch (DataAccessException | TransactionException e) {
            if (DatabaseCalls.unavailable(e)) {
                outages.tell(log, "Import not saved, the database is unavailable", e);
                outcome = new Outcome(ImportMessages.notSaved(), false);
            } else {
                log.error("Import not saved: the database refused it", e);
                outcome = new Outcome(ImportMessages.failed(), false);
            }
        }
        gateway.respond(click.responseUrl(), outcome.message(), outcome.replacesPreview());
    }

    private void cancel(Click click) {
        Outcome outcome;
        try {
            outcome = DatabaseCalls.retryingOnce(() -> {
                Optional<Draft> found = drafts.find(click.teamId(), click.draftId());
                if (found.isPresent() && !found.get().userId().equals(click.userId())) {
                    return new Outcome(ImportMessages.notYours(found.get().userId()), false);
                }
                return found.isPresent() && drafts.remove(click.teamId(), click.draftId())
                        ? new Outcome(ImportMessages.cancelled(), true) : new Outcome(ImportMessages.gone(), false);
            });
        } catch (DataAccessException | TransactionException e) {
            outages.tell(log, "Import not cancelled, the database is unavailable", e);
            outcome = new Outcome(ImportMessages.notCancelled(), false);
        }
        gateway.respond(click.responseUrl(), outcome.message(), outcome.replacesPreview());
    }
}
