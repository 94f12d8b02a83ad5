package app.takeaways.slack;

import com.slack.api.bolt.App;

/** One way people use the bot in Slack (a command, an event, an action...): registers its Bolt handlers. */
public interface SlackSurface {

    void register(App app);
}
