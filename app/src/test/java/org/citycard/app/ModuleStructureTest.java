package org.citycard.app;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

/** The module boundaries of ARCHITECTURE.md, enforced. */
class ModuleStructureTest {

    /** Test fixtures shared between modules (the catalog's test jar) are not part of the architecture. */
    private static final ImportOption PRODUCTION_CODE = location ->
            !location.contains("/test-classes/") && !location.contains("-tests.jar");

    private static final DescribedPredicate<JavaClass> TEST_CODE = DescribedPredicate.describe("test code",
            c -> c.getSource().map(s -> s.getUri().toString()).filter(u -> !PRODUCTION_CODE.includes(Location.of(s(u)))).isPresent());

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(PRODUCTION_CODE)
            .importPackages("org.citycard");

    @Test
    void modules_use_only_each_others_public_api_and_have_no_cycles() {
        ApplicationModules.of("org.citycard", TEST_CODE).verify();
    }

    private static java.net.URI s(String uri) {
        return java.net.URI.create(uri);
    }

    @Test
    void domain_modules_never_depend_on_the_front_ends_or_the_application() {
        ArchRuleDefinition.noClasses().that().resideInAnyPackage("org.citycard.catalog..", "org.citycard.card..",
                        "org.citycard.payment..", "org.citycard.wallet..", "org.citycard.bills..", "org.citycard.messages..",
                        "org.citycard.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage("org.citycard.api..", "org.citycard.portal..", "org.citycard.app..")
                .check(classes);
    }

    /**
     * Payments know no purpose: of the citizen card they use only who the citizen is (and their linked mini-program
     * logins, to pay inside them), never the ledger or the wallet, and no city service at all. A service plugs in
     * through orders, events and the channel interface, never by changing payments.
     */
    @Test
    void payments_know_no_purpose_and_no_ledger() {
        ArchRuleDefinition.classes().that().resideInAPackage("org.citycard.payment..")
                .should().onlyDependOnClassesThat(DescribedPredicate.describe(
                        "outside CityCard, or payments', the kernel's, or the card's identity types",
                        (JavaClass c) -> !c.getPackageName().startsWith("org.citycard")
                                || c.getPackageName().startsWith("org.citycard.payment")
                                || c.getPackageName().startsWith("org.citycard.kernel")
                                || java.util.Set.of("org.citycard.card.CitizenId", "org.citycard.card.LoginLinks",
                                        "org.citycard.card.ExternalLogin").contains(c.getName())))
                .check(classes);
    }

    /** The sandbox stands in for the outside world: only the application that assembles the platform may use it. */
    @Test
    void no_module_but_the_application_imports_the_sandbox() {
        ArchRuleDefinition.noClasses().that().resideOutsideOfPackages("org.citycard.sandbox..", "org.citycard.app..")
                .should().dependOnClassesThat().resideInAPackage("org.citycard.sandbox..")
                .check(classes);
        ArchRuleDefinition.noClasses().that().resideInAPackage("org.citycard.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("org.citycard.payment..", "org.citycard.card..",
                        "org.citycard.wallet..", "org.citycard.bills..", "org.citycard.messages..", "org.citycard.catalog..",
                        "org.citycard.api..",
                        "org.citycard.portal..", "org.citycard.app..")
                .check(classes);
    }

    @Test
    void the_two_front_ends_never_talk_to_each_other() {
        ArchRuleDefinition.noClasses().that().resideInAPackage("org.citycard.api..")
                .should().dependOnClassesThat().resideInAPackage("org.citycard.portal..")
                .check(classes);
        ArchRuleDefinition.noClasses().that().resideInAPackage("org.citycard.portal..")
                .should().dependOnClassesThat().resideInAPackage("org.citycard.api..")
                .check(classes);
    }

    @Test
    void views_never_touch_storage_directly() {
        ArchRuleDefinition.noClasses().that().resideInAPackage("org.citycard.portal..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "org.citycard.catalog.internal..")
                .check(classes);
    }

    @Test
    void the_catalog_domain_types_carry_no_framework_annotations() {
        ArchRuleDefinition.noClasses().that().resideInAPackage("org.citycard.catalog")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "tools.jackson..", "jakarta.persistence..")
                .check(classes);
    }
}
