package maplab.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import maplab.conclude.Finding;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import maplab.claims.Claims;
import maplab.claims.Ledger;
import maplab.run.Reference;
import maplab.run.RunData;
import maplab.run.RunFolder;
import maplab.run.StoredRun;
import org.junit.jupiter.api.Test;

/**
 * maplab's packages follow DESIGN.md's data flow: plan -> workload -> subject -> measure ->
 * conclude -> run folder -> claims (the ledger judged against run folders) -> render, with the experiments and the lab's orchestration on top
 * and stats, chart styling and progress as utilities below. A package may use the packages of
 * earlier arrows and the utilities, never a later arrow; no two packages reach each other.
 * One place renders HTML: only maplab.render writes markup, and it is handed loaded data (it
 * reads no file).
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
                .layer("claims").definedBy("maplab.claims..")
                .layer("render").definedBy("maplab.render..")
                .layer("experiments").definedBy("maplab.experiments..")
                .layer("lab").definedBy("maplab.lab..")
                .layer("cluster").definedBy("maplab.cluster..")
                .layer("cli").definedBy("maplab.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("cluster").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("lab").mayOnlyBeAccessedByLayers("cluster", "cli")
                .whereLayer("experiments").mayOnlyBeAccessedByLayers("lab", "cluster", "cli")
                .whereLayer("render").mayOnlyBeAccessedByLayers("experiments", "lab", "cluster", "cli")
                .whereLayer("claims").mayOnlyBeAccessedByLayers("render", "experiments", "lab", "cluster", "cli")
                .whereLayer("run").mayOnlyBeAccessedByLayers("claims", "render", "experiments", "lab", "cluster", "cli")
                .whereLayer("conclude").mayOnlyBeAccessedByLayers("run", "claims", "render", "experiments", "lab", "cluster", "cli")
                .whereLayer("measure").mayOnlyBeAccessedByLayers("conclude", "run", "claims", "render", "experiments", "lab", "cluster", "cli")
                .whereLayer("subject").mayOnlyBeAccessedByLayers("measure", "conclude", "run", "claims", "render", "experiments", "lab", "cluster", "cli")
                .whereLayer("workload").mayOnlyBeAccessedByLayers("subject", "measure", "conclude", "run", "claims", "render", "experiments", "lab", "cluster", "cli")
                .whereLayer("plan").mayOnlyBeAccessedByLayers("workload", "subject", "measure", "conclude", "run", "claims", "render", "experiments", "lab", "cluster", "cli")
                .check(MAIN);
    }

    @Test
    void utilitiesUseNoOtherMaplabPackage() {
        noClasses().that().resideInAnyPackage("maplab.stats..", "maplab.progress..", "maplab.chart..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "maplab.plan..", "maplab.workload..", "maplab.subject..", "maplab.peers..", "maplab.measure..",
                        "maplab.conclude..", "maplab.run..", "maplab.claims..", "maplab.render..", "maplab.experiments..", "maplab.lab..", "maplab.cluster..", "maplab.cli..")
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

    /**
     * Conclusions are plain data: findings, tables and {@code ChartData}; only render draws
     * them with XChart (in the chart styling utility's look).
     */
    @Test
    void onlyRenderAndChartStylingUseXChart() {
        noClasses().that().resideOutsideOfPackages("maplab.render..", "maplab.chart..")
                .should().dependOnClassesThat().resideInAPackage("org.knowm.xchart..")
                .because("results hold chart data; render draws it")
                .check(MAIN);
    }

    /**
     * Finding sentences come from one place: a finding is made only by {@code Finding}'s
     * factories (which word every verdict the same way) or read back from findings.json.
     */
    @Test
    void onlyFindingWritesFindings() {
        noClasses().that().resideOutsideOfPackages("maplab.conclude..", "maplab.run..")
                .should().callConstructorWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(JavaClass.Predicates.type(Finding.class))))
                .because("a finding's sentence is written from its kind, value, interval and verdict by Finding's factories")
                .check(MAIN);
    }

    @Test
    void renderReadsNoFiles() {
        noClasses().that().resideInAPackage("maplab.render..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("java.io").and(JavaClass.Predicates.simpleNameStartingWith("File")))
                .orShould().dependOnClassesThat().belongToAnyOf(Files.class, Paths.class, RandomAccessFile.class, FileChannel.class,
                        RunFolder.class, RunData.class, Claims.class, Ledger.class)
                .orShould().callMethod(StoredRun.class, "read", String.class, Path.class)
                .orShould().callMethod(StoredRun.class, "samples")
                .orShould().callMethod(Reference.class, "find", String.class)
                .orShould().callMethod(Reference.class, "find", Path.class, String.class)
                .orShould().callMethod(Reference.class, "lookup", String.class)
                .because("render is handed loaded data (findings, references, tables, charts); lab, run and the kernel read the files")
                .check(MAIN);
    }

    /** lib/core's main sources (tests run in lib/core; from the repository root too). */
    static final Path MAIN_SOURCES = Files.isDirectory(Path.of("src/main/java/maplab")) ? Path.of("src/main/java/maplab")
            : Path.of("lib/core/src/main/java/maplab");

    /** The kernel extension's main sources, beside lib/. */
    static final Path KERNEL_SOURCES = MAIN_SOURCES.resolve("../../../../../../kernel/src/main/java").normalize();

    @Test
    void onlyRenderWritesHtml() throws IOException {
        List<Path> sources = new ArrayList<>();
        for (Path root : List.of(MAIN_SOURCES, KERNEL_SOURCES)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(MAIN_SOURCES.resolve("render"))).sorted().forEach(sources::add);
            }
        }
        assertThat(sources).as("main sources found under " + MAIN_SOURCES.toAbsolutePath()).hasSizeGreaterThan(50)
                .anyMatch(f -> f.endsWith("MaplabExtension.java"));
        List<String> found = new ArrayList<>();
        for (Path file : sources) {
            for (String hit : htmlLiterals(Files.readString(file))) found.add(file + ":" + hit);
        }
        assertThat(found).as("string literals with HTML tags outside maplab.render (file:line: literal); draw pages in maplab.render").isEmpty();
    }

    @Test
    void theHtmlScanFindsTagsInLiteralsButNotInComments() {
        String source = "/** A <p>page</p>, {@code \"<div>\"}. */\nclass X {\n  // \"<table>\"\n  char q = '\"';\n"
                + "  String a = \"x < y, <id> and <code\" + \"<span style=\\\"c\\\">\";\n  /* \"<img>\" */ String b = \"</b>\";\n}\n";
        assertThat(htmlLiterals(source)).containsExactly("5: <span style=\\\"c\\\">", "6: </b>");
    }

    private static final Pattern HTML_TAG = Pattern.compile("</?(div|table|thead|tbody|tr|td|th|caption|p|span|h[1-6]|img|a|b|i|em|strong|br|hr|"
            + "code|pre|ul|ol|li|style|html|head|body|meta|title|script|svg|section)(\\s|/?>)");

    /** "line: literal" for each string literal of a Java source that holds an HTML tag; comments (Javadoc too) and char literals skipped. */
    static List<String> htmlLiterals(String source) {
        List<String> out = new ArrayList<>();
        int line = 1;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\n') {
                line++;
            } else if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) - 1;
                if (i < 0) break;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                line += (int) source.substring(i, end).chars().filter(ch -> ch == '\n').count();
                i = end + 1;
            } else if (c == '\'' || c == '"') {
                String quote = source.startsWith("\"\"\"", i) ? "\"\"\"" : String.valueOf(c);
                int end = i + quote.length();
                while (!source.startsWith(quote, end)) end += source.charAt(end) == '\\' ? 2 : 1;
                String literal = source.substring(i + quote.length(), end);
                if (c == '"' && HTML_TAG.matcher(literal).find()) out.add(line + ": " + literal);
                line += (int) literal.chars().filter(ch -> ch == '\n').count();
                i = end + quote.length() - 1;
            }
        }
        return out;
    }
}
