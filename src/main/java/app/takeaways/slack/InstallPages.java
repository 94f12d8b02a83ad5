package app.takeaways.slack;

import com.slack.api.bolt.response.Response;
import org.springframework.web.util.HtmlUtils;

import java.util.HashMap;
import java.util.List;

/**
 * The pages a person installing the app sees in their browser (OAuth mode): "Add to Slack", then where they landed
 * and what to do next in Slack. Every value from Slack or the request is HTML-escaped.
 */
final class InstallPages {

    private InstallPages() {
    }

    /**
     * {@code GET /slack/install}: what the app does, and the button to Slack's consent screen (Bolt's install page
     * renderer: Bolt issues the state, sets its cookie and answers with this page).
     */
    static String addToSlack(String authorizeUrl) {
        return page("Add Takeaways to Slack", """
                <h1>Add Takeaways to Slack</h1>
                <p>Takeaways keeps your team's talk and conference notes: capture them with <code>/takeaway</code>,
                search them, and get them back in a weekly digest. Notes stay in your own database.</p>
                <p><a class="button" href="%s">Add to Slack</a></p>
                <p class="small">Slack asks you to pick a workspace and shows what the app may do there. This link
                works for 10 minutes, in this browser.</p>
                """.formatted(HtmlUtils.htmlEscape(authorizeUrl)));
    }

    /** Installed: where, and the first things to try. */
    static Response installed(String teamName, String teamId, String appId) {
        String where = teamName == null || teamName.isBlank() ? "your workspace" : HtmlUtils.htmlEscape(teamName);
        String open = appId == null || teamId == null ? ""
                : "<p><a class=\"button\" href=\"slack://app?team=%s&amp;id=%s\">Open Takeaways in Slack</a></p>"
                .formatted(HtmlUtils.htmlEscape(teamId), HtmlUtils.htmlEscape(appId));
        String body = page("Takeaways is installed", """
                <h1>Takeaways is in %s</h1>
                %s
                <p>Next, in Slack:</p>
                <ol>
                  <li>Invite the bot to a channel where people share notes: <code>/invite @Takeaways</code></li>
                  <li>Save a first takeaway there: <code>/takeaway Karpenter bin-packs nodes #k8s</code></li>
                  <li>See everything it does: <code>/takeaway help</code>, or open its Home tab</li>
                  <li>Get a weekly digest in the channel: <code>/takeaway digest on</code></li>
                </ol>
                <p class="small">You can close this page.</p>
                """.formatted(where, open));
        return html(200, body);
    }

    /** The install did not happen: why, and what to do. */
    static Response notInstalled(int status, String title, String explanation) {
        String body = page(title, """
                <h1>%s</h1>
                <p>%s</p>
                <p><a class="button" href="%s">Start again</a></p>
                """.formatted(HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(explanation),
                SlackConfiguration.INSTALL_PATH));
        return html(status, body);
    }

    private static String page(String title, String content) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                body { font-family: -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 36rem; margin: 4rem auto;
                       padding: 0 1rem; color: #1d1c1d; line-height: 1.5; }
                .button { display: inline-block; background: #4a154b; color: #fff; padding: .6rem 1.2rem;
                          border-radius: .3rem; text-decoration: none; font-weight: 600; }
                code { background: #f4f4f4; padding: .1rem .3rem; border-radius: .2rem; }
                .small { color: #616061; font-size: .9rem; }
                </style>
                </head>
                <body>
                %s
                </body>
                </html>
                """.formatted(HtmlUtils.htmlEscape(title), content);
    }

    private static Response html(int status, String body) {
        Response response = Response.builder().statusCode(status).contentType("text/html; charset=utf-8")
                .headers(new HashMap<>()).body(body).build();
        // Nothing here is for a cache, or for another site's frame.
        response.getHeaders().put("Cache-Control", List.of("no-store"));
        response.getHeaders().put("X-Frame-Options", List.of("DENY"));
        return response;
    }
}
