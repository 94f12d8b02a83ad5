package app.takeaways.slack;

import com.slack.api.bolt.context.Context;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;

import static com.slack.api.bolt.middleware.MiddlewareOps.isNoAuthRequiredRequest;

/**
 * Bolt's single-workspace authorization without its {@code auth.test} on the request path: Bolt's own calls it
 * before the first request and answers 401 (or fails) for every request while Slack does not answer. Here the
 * token is set from configuration and the bot's identity is added once {@link BotIdentity} knows it.
 */
class BotTokenAuthorization implements Middleware {

    private final String botToken;
    private final BotIdentity identity;

    BotTokenAuthorization(String botToken, BotIdentity identity) {
        this.botToken = botToken;
        this.identity = identity;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (isNoAuthRequiredRequest(req.getRequestType())) {
            return chain.next(req);
        }
        Context context = req.getContext();
        context.setBotToken(botToken);
        identity.current().ifPresent(known -> {
            context.setBotUserId(known.botUserId());
            context.setBotId(known.botId());
            if (context.getTeamId() == null) {
                context.setTeamId(known.teamId());
            }
        });
        return chain.next(req);
    }
}
