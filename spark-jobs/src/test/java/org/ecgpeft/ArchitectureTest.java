package org.ecgpeft;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.ecgpeft.tensor.TensorReader;

/**
 * The package structure of both modules (docs/ARCHITECTURE.md): no package cycles, every package in a layer,
 * layers import only downwards, and no Spark below spark-jobs. It lives here because only this module sees
 * the classes of both. A failure names the offending class and import: move the code or invert the
 * dependency, never loosen a rule to let an upward import through.
 */
@AnalyzeClasses(packages = "org.ecgpeft", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The top-level areas ({@code model}, {@code peft}, {@code train}, {@code jobs}, ...) form no cycle. */
    @ArchTest
    static final ArchRule topLevelAreasAreFreeOfCycles =
            slices().matching("org.ecgpeft.(*)..").should().beFreeOfCycles();

    /** The jobs ({@code ingest}, {@code evaluate}, {@code llm}, ...) and their shared pieces form no cycle. */
    @ArchTest
    static final ArchRule jobsAreFreeOfCycles =
            slices().matching("org.ecgpeft.jobs.(*)..").should().beFreeOfCycles();

    /** No cycle between any two packages, nested ones included ({@code model.qwen3}, {@code train.llm}). */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles =
            slices().matching("org.ecgpeft.(**)").should().beFreeOfCycles();

    /**
     * Bottom to top: foundation ({@code tensor}, {@code signal}, {@code config}, {@code cli}, {@code eval}), {@code model},
     * {@code peft}, {@code ecgllm}, {@code train}; then in spark-jobs {@code lake}, {@code report} and
     * {@code jobs}. The {@code forward} tool sits beside them and nothing uses it.
     */
    @ArchTest
    static final ArchRule layersImportOnlyDownwards = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .ensureAllClassesAreContainedInArchitecture()
            .layer("Foundation")
            .definedBy(
                    "org.ecgpeft.tensor..",
                    "org.ecgpeft.signal..",
                    "org.ecgpeft.config..",
                    "org.ecgpeft.cli..",
                    "org.ecgpeft.eval..")
            .layer("Model")
            .definedBy("org.ecgpeft.model..")
            .layer("Peft")
            .definedBy("org.ecgpeft.peft..")
            .layer("EcgLlm")
            .definedBy("org.ecgpeft.ecgllm..")
            .layer("Train")
            .definedBy("org.ecgpeft.train..")
            .layer("Forward")
            .definedBy("org.ecgpeft.forward..")
            .layer("Lake")
            .definedBy("org.ecgpeft.lake..")
            .layer("Report")
            .definedBy("org.ecgpeft.report..")
            .layer("Jobs")
            .definedBy("org.ecgpeft.jobs..")
            .whereLayer("Foundation")
            .mayNotAccessAnyLayer()
            .whereLayer("Model")
            .mayOnlyAccessLayers("Foundation")
            .whereLayer("Peft")
            .mayOnlyAccessLayers("Model", "Foundation")
            .whereLayer("EcgLlm")
            .mayOnlyAccessLayers("Peft", "Model", "Foundation")
            .whereLayer("Train")
            .mayOnlyAccessLayers("EcgLlm", "Peft", "Model", "Foundation")
            .whereLayer("Forward")
            .mayOnlyAccessLayers("Peft", "Model", "Foundation")
            .whereLayer("Forward")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Lake")
            .mayOnlyAccessLayers("Train", "Foundation")
            .whereLayer("Report")
            .mayOnlyAccessLayers("Lake", "Foundation")
            .whereLayer("Jobs")
            .mayNotBeAccessedByAnyLayer();

    /** Only the dispatcher lives in {@code org.ecgpeft.jobs}; the jobs reach their shared pieces below it. */
    @ArchTest
    static final ArchRule nothingImportsTheDispatcherPackage = noClasses()
            .that()
            .resideOutsideOfPackage("org.ecgpeft.jobs")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.ecgpeft.jobs");

    /** The common module runs without Spark (tools, notebooks' helpers, executors' model code). */
    @ArchTest
    static final ArchRule commonUsesNoSpark = noClasses()
            .that(inCommonModule())
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.spark..", "io.delta..", "org.apache.hadoop..");

    /** Classes loaded from the same folder or jar as the common module's {@link TensorReader}. */
    private static DescribedPredicate<JavaClass> inCommonModule() {
        String common = TensorReader.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath();
        return DescribedPredicate.describe(
                "are in the common module",
                c -> c.getSource()
                        .map(s -> s.getUri().getPath() != null
                                ? s.getUri().getPath().startsWith(common)
                                : s.getUri().toString().contains(common))
                        .orElse(false));
    }
}
