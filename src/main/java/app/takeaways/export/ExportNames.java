package app.takeaways.export;

import java.util.Optional;

/**
 * People's names for an export ("Alice" rather than {@code U123}), as the Slack side knows them; asked once per
 * person per export. Empty when the name is not known: the export shows the Slack id instead.
 */
@FunctionalInterface
public interface ExportNames {

    Optional<String> person(String userId);

    /** No names known: Slack ids throughout. */
    static ExportNames ids() {
        return userId -> Optional.empty();
    }
}
