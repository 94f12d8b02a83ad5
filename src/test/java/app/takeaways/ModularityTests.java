package app.takeaways;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

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
