package maplab.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * maplab's packages follow DESIGN.md's data flow: plan -> workload -> subject -> measure ->
 * conclude -> run folder -> render, with the experiments and the lab's orchestration on top
 * and stats, chart styling and progress as utilities below. A package may use the packages of
 * earlier arrows and the utilities, never a later arrow; no two packages reach each other.
 */
class LayersTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("maplab");

    @Test
    void packagesImportOnlyEarlierArrowsOfTheFlow() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("plan").definedBy("maplab.plan..")
                .layer("workload").definedBy("maplab.workload..")
                .layer("subject").definedBy("maplab.subject..", "maplab.peers..")
                .layer("measure").definedBy("maplab.measure..")
                .layer("conclude").definedBy("maplab.conclude..")
                .layer("run").definedBy("maplab.run..")
                .layer("render").definedBy("maplab.render..")
                .layer("experiments").definedBy("maplab.experiments..")
                .layer("lab").definedBy("maplab.lab..")
                .layer("cli").definedBy("maplab.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("lab").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("experiments").mayOnlyBeAccessedByLayers("lab", "cli")
                .whereLayer("render").mayOnlyBeAccessedByLayers("experiments", "lab", "cli")
                .whereLayer("run").mayOnlyBeAccessedByLayers("render", "experiments", "lab", "cli")
                .whereLayer("conclude").mayOnlyBeAccessedByLayers("run", "render", "experiments", "lab", "cli")
                .whereLayer("measure").mayOnlyBeAccessedByLayers("conclude", "run", "render", "experiments", "lab", "cli")
                .whereLayer("subject").mayOnlyBeAccessedByLayers("measure", "conclude", "run", "render", "experiments", "lab", "cli")
                .whereLayer("workload").mayOnlyBeAccessedByLayers("subject", "measure", "conclude", "run", "render", "experiments", "lab", "cli")
                .whereLayer("plan").mayOnlyBeAccessedByLayers("workload", "subject", "measure", "conclude", "run", "render", "experiments", "lab", "cli")
                .check(MAIN);
    }

    @Test
    void utilitiesUseNoOtherMaplabPackage() {
        noClasses().that().resideInAnyPackage("maplab.stats..", "maplab.progress..", "maplab.chart..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "maplab.plan..", "maplab.workload..", "maplab.subject..", "maplab.peers..", "maplab.measure..",
                        "maplab.conclude..", "maplab.run..", "maplab.render..", "maplab.experiments..", "maplab.lab..", "maplab.cli..")
                .check(MAIN);
    }

    @Test
    void noTwoPackagesReachEachOther() {
        slices().matching("maplab.(**)").should().beFreeOfCycles().check(MAIN);
    }

    /**
     * No hidden channels: the measuring JVM and the user's jars travel in the run context
     * (a {@code ForkSetup}), never in a static field that measure reads, so every static field
     * of measure is final (constants, a lock, a JSON reader).
     */
    @Test
    void measureKeepsNoMutableStaticState() {
        fields().that().areDeclaredInClassesThat().resideInAPackage("maplab.measure..").and().areStatic()
                .should().beFinal()
                .because("the measuring JVM and user jars travel in the run context, not in static fields")
                .check(MAIN);
    }
}
