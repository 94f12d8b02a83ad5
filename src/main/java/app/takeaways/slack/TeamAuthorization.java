package app.takeaways.slack;

import com.slack.api.bolt.context.Context;
import app.takeaways.slack.blocks.SlackMessage;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;

import static com.slack.api.bolt.middleware.MiddlewareOps.isNoAuthRequiredRequest;

/**
 * Bolt's authorization, for one workspace and for many, without an {@code auth.test} on the request path (Bolt's own
 * middlewares call it before handling a request, and answer 401 or fail while Slack does not answer). The token is
 * {@link TeamBots}'s for the request's workspace, and the bot's identity is added once {@link BotIdentity} knows it.
 * <p>
 * A request from a workspace no token serves (the app was uninstalled there) is acknowledged and goes no further,
 * except the events that say so ({@code app_uninstalled}, {@code tokens_revoked}), which must reach their handler
 * to clean up. A slash command from there gets a line saying the app is not installed.
 */
class TeamAuthorization implements Middleware {

    private static final Logger log = LoggerFactory.getLogger(TeamAuthorization.class);

    /** Events that come when the token is already dead. */
    static final Set<String> GOODBYE_EVENTS = Set.of("app_uninstalled", "tokens_revoked");

    private static final SlackMessage NOT_INSTALLED = SlackMessage.of(":warning: Takeaways is not installed in this"
            + " workspace any more. Ask whoever runs it to add it again: your team's takeaways are kept for a while after"
            + " an uninstall.");

    private final TeamBots bots;
    private final BotIdentity identity;

    TeamAuthorization(TeamBots bots, BotIdentity identity) {
        this.bots = bots;
        this.identity = identity;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (isNoAuthRequiredRequest(req.getRequestType())) {
            return chain.next(req);
        }
        Context context = req.getContext();
        Optional<TeamBot> bot = bots.bot(context.getEnterpriseId(), context.getTeamId());
        if (bot.isEmpty()) {
            if (req instanceof EventRequest event && GOODBYE_EVENTS.contains(event.getEventType())) {
                return chain.next(req);
            }
            log.info("Ignored a {} request from workspace {}: the app is not installed there", req.getRequestType(),
                    context.getTeamId());
            if (req instanceof SlashCommandRequest command) {
                return command.getContext().ack(r -> r.responseType("ephemeral").text(NOT_INSTALLED.text())
                        .blocks(NOT_INSTALLED.blocks()));
            }
            return Response.ok();
        }
        context.setBotToken(bot.get().token());
        String botUserId = bot.get().botUserId();
        String botId = bot.get().botId();
        Optional<BotIdentity.Identity> known = identity.of(context.getTeamId());
        context.setBotUserId(botUserId != null ? botUserId : known.map(BotIdentity.Identity::botUserId).orElse(null));
        context.setBotId(botId != null ? botId : known.map(BotIdentity.Identity::botId).orElse(null));
        if (context.getTeamId() == null) {
            known.ifPresent(found -> context.setTeamId(found.teamId()));
        }
        return chain.next(req);
    }
}
