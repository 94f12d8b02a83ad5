package app.takeaways.slack;

import app.takeaways.workspace.Installations;
import app.takeaways.workspace.OAuthStates;
import com.slack.api.bolt.App;
import com.slack.api.bolt.model.builtin.DefaultInstaller;
import com.slack.api.bolt.request.builtin.OAuthCallbackRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.response.oauth.OAuthV2AccessResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * Bolt's OAuth flow with this app's stores and pages: {@code /slack/install} issues a state (Postgres, ten minutes,
 * and Bolt's browser cookie) for the "Add to Slack" page; {@code /slack/oauth_redirect} has Bolt check the state and
 * exchange the code ({@code oauth.v2.access}), then stores the installation, its tokens encrypted, and shows what to
 * do next. A refused, expired or replayed install gets a page that says so, and stores nothing.
 */
class OAuthFlow {

    private static final Logger log = LoggerFactory.getLogger(OAuthFlow.class);

    private final PostgresInstallationService installationService;
    private final PostgresOAuthStateService stateService;
    private final Clock clock;
    private final Consumer<String> installedInto;

    /**
     * @param installedInto told each workspace the app was just installed into (its cached token and identity are
     *                      read again, and a pending deletion after an earlier uninstall is called off)
     */
    OAuthFlow(Installations installations, OAuthStates states, Clock clock, Consumer<String> installedInto) {
        this.installationService = new PostgresInstallationService(installations);
        this.stateService = new PostgresOAuthStateService(states);
        this.clock = clock;
        this.installedInto = installedInto;
    }

    void applyTo(App app) {
        app.asOAuthApp(true);
        app.service(installationService);
        app.service(stateService);
        app.oauthCallback(this::installed);
        app.oauthCallbackError((request, response) -> {
            String error = request.getPayload().getError();
            log.info("An install was not completed: Slack said {}", error);
            return "access_denied".equals(error)
                    ? InstallPages.notInstalled(200, "Takeaways was not installed",
                    "The install was cancelled on Slack's page, so nothing was added to your workspace.")
                    : InstallPages.notInstalled(400, "Takeaways was not installed",
                    "Slack stopped the install (" + error + "). Nothing was added to your workspace.");
        });
        app.oauthCallbackStateError((request, response) -> {
            log.info("Refused an install: its state is unknown, expired, used already or not this browser's");
            return InstallPages.notInstalled(400, "This install link has expired",
                    "An install link works once, for 10 minutes, in the browser that opened it. Nothing was"
                            + " added to your workspace: start again from the install page.");
        });
        app.oauthCallbackAccessError((OAuthCallbackRequest request, Response response, OAuthV2AccessResponse o) -> {
            log.warn("Slack oauth.v2.access refused an install: {}", o.getError());
            return InstallPages.notInstalled(400, "Takeaways was not installed",
                    "Slack did not accept the install (" + o.getError() + "). Nothing was added to your workspace:"
                            + " start again, and if it keeps failing check SLACK_CLIENT_ID and SLACK_CLIENT_SECRET.");
        });
        app.oauthCallbackException((request, response, e) -> {
            log.error("Failed to complete an install ({})", e.getClass().getSimpleName());
            return InstallPages.notInstalled(500, "Takeaways was not installed",
                    "Something went wrong on our side while saving the install. Nothing was added: start again.");
        });
    }

    /** Slack answered {@code oauth.v2.access}: the installation is stored, and the person told what comes next. */
    private Response installed(OAuthCallbackRequest request, Response response, OAuthV2AccessResponse o) {
        DefaultInstaller installer = new DefaultInstaller();
        installer.setAppId(o.getAppId());
        installer.setIsEnterpriseInstall(o.isEnterpriseInstall());
        if (o.getTeam() != null) {
            installer.setTeamId(o.getTeam().getId());
            installer.setTeamName(o.getTeam().getName());
        }
        if (o.getEnterprise() != null) {
            installer.setEnterpriseId(o.getEnterprise().getId());
            installer.setEnterpriseName(o.getEnterprise().getName());
        }
        if (o.getAuthedUser() != null) {
            installer.setInstallerUserId(o.getAuthedUser().getId());
        }
        installer.setTokenType(o.getTokenType());
        installer.setScope(o.getScope());
        installer.setBotScope(o.getScope());
        installer.setBotUserId(o.getBotUserId());
        installer.setBotAccessToken(o.getAccessToken());
        installer.setBotRefreshToken(o.getRefreshToken());
        if (o.getExpiresIn() != null) {
            installer.setBotTokenExpiresAt(clock.millis() + o.getExpiresIn() * 1000L);
        }
        installer.setInstalledAt(clock.millis());
        installationService.saveInstallerAndBot(installer);
        String where = installer.getTeamId() != null ? installer.getTeamId() : installer.getEnterpriseId();
        log.info("Installed into {}{}", where, o.isEnterpriseInstall() ? " (org-wide)" : "");
        if (installer.getTeamId() != null) {
            installedInto.accept(installer.getTeamId());
        }
        String name = o.isEnterpriseInstall() ? installer.getEnterpriseName() : installer.getTeamName();
        return InstallPages.installed(name, installer.getTeamId(), o.getAppId());
    }
}
