package app.takeaways;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module structure holds: modules use each other only through their top-level packages, without cycles, and
 * the features never depend on Slack (only {@code slack} adapts Slack to them).
 */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(TakeawaysApplication.class);

    @Test
    void modulesAreWellFormed() {
        modules.verify();
    }

    @Test
    void noFeatureDependsOnTheSlackModule() {
        assertThat(modules.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .contains("slack", "note", "workspace", "database", "platform");
        modules.stream()
                .filter(module -> !module.getIdentifier().toString().equals("slack"))
                .forEach(module -> assertThat(module.getAllDependencies(modules).containsModuleNamed("slack"))
                        .as("%s depends on slack", module.getIdentifier()).isFalse());
    }

    /**
     * Who may see a takeaway is decided in one place ({@code note.Visibility}): no other module's SQL reads or writes
     * the takeaways table's privacy columns (the conversation's kind, deletion, derived rows and what they quote),
     * and only {@code note} writes takeaways at all. Read from the SQL in the sources: string literals and text
     * blocks, comments left out.
     */
    @Test
    void onlyTheNoteModuleTouchesWhoMaySeeATakeaway() throws IOException {
        Pattern privacy = Pattern.compile("(?i)\\b(channel_type|deleted_at|quotes|source\\s*(<>|=|!=|IN)|'summary')");
        Pattern writes = Pattern.compile("(?i)\\b(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+(takeaways|takeaway_links)\\b");
        Path sources = Path.of("src/main/java/app/takeaways");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String module = sources.relativize(file).getName(0).toString();
                if (module.equals("note")) {
                    continue;
                }
                for (String sql : stringLiterals(Files.readString(file))) {
                    // The directory of conversations (workspace) keeps its own channel_type, of the channels table.
                    boolean channels = module.equals("workspace") && !sql.matches("(?is).*\\btakeaways\\b.*");
                    if (!channels && privacy.matcher(sql).find() || writes.matcher(sql).find()) {
                        found.add(sources.relativize(file) + ": " + sql.strip().replaceAll("\\s+", " "));
                    }
                }
            }
        }
        assertThat(found).as("SQL outside the note module that decides or changes who may see a takeaway").isEmpty();
    }

    /** The string literals and text blocks of a Java source, comments and char literals left out. */
    static List<String> stringLiterals(String java) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < java.length()) {
            if (java.startsWith("//", i)) {
                i = java.indexOf('\n', i) < 0 ? java.length() : java.indexOf('\n', i);
            } else if (java.startsWith("/*", i)) {
                i = java.indexOf("*/", i + 2) < 0 ? java.length() : java.indexOf("*/", i + 2) + 2;
            } else if (java.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < java.length() && !(java.startsWith("\"\"\"", end) && java.charAt(end - 1) != '\\')) {
                    end++;
                }
                literals.add(java.substring(i + 3, Math.min(end, java.length())));
                i = end + 3;
            } else if (java.charAt(i) == '"' || java.charAt(i) == '\'') {
                char quote = java.charAt(i);
                int end = i + 1;
                while (end < java.length() && java.charAt(end) != quote) {
                    end += java.charAt(end) == '\\' ? 2 : 1;
                }
                if (quote == '"') {
                    literals.add(java.substring(i + 1, Math.min(end, java.length())));
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    @Test
    void theSqlReaderSeesTheRuleItGuards() {
        // The check above must be able to fail: it finds the privacy column in a reader's SQL, not in comments.
        String source = "class Reader {\n"
                + "    // channel_type in a comment, \"quoted\" or not, is fine\n"
                + "    String link = \"https://slack.com/api/\"; char c = '\"';\n"
                + "    String sql = \"\"\"\n        SELECT * FROM takeaways t WHERE t.channel_type = 'public_channel'\n"
                + "        \"\"\";\n}\n";
        assertThat(stringLiterals(source)).containsExactly("https://slack.com/api/",
                "\n        SELECT * FROM takeaways t WHERE t.channel_type = 'public_channel'\n        ");
    }

    @Test
    void onlyTheSlackModuleUsesSlacksSdk() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("app.takeaways");

        noClasses().that().resideOutsideOfPackage("app.takeaways.slack..")
                .should().dependOnClassesThat().resideInAPackage("com.slack..")
                .check(classes);
    }
}
