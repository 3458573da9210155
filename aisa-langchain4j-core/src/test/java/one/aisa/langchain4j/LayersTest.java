package one.aisa.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house runs one way, read from the sources' imports: the exception package is a leaf; the core models and
 * {@code internal} import nothing of routing, catalog, cost or cache; no module but the core imports
 * {@code internal}.
 */
class LayersTest {

    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?(one\\.aisa\\.langchain4j\\.[\\w.]+);", Pattern.MULTILINE);
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void the_exception_package_imports_nothing_else_of_ours() {
        List<String> upward =
                imports(REPOSITORY.resolve("aisa-langchain4j-core/src/main/java/one/aisa/langchain4j/exception"))
                        .stream()
                        .filter(line -> !line.contains(" one.aisa.langchain4j.exception."))
                        .toList();

        assertThat(upward).isEmpty();
    }

    @Test
    void the_core_models_and_internal_import_nothing_of_routing_catalog_cost_or_cache() {
        Path core = REPOSITORY.resolve("aisa-langchain4j-core/src/main/java/one/aisa/langchain4j");
        List<String> upward = new ArrayList<>();
        for (Path folder : List.of(core, core.resolve("internal"))) {
            imports(folder).stream()
                    .filter(line -> folder.equals(core) ? !line.contains("/") : true) // the root package's own files
                    .filter(line -> line.matches(".* one\\.aisa\\.langchain4j\\.(routing|catalog|cost|cache)\\..*"))
                    .forEach(upward::add);
        }

        assertThat(upward).isEmpty();
    }

    @Test
    void no_module_but_the_core_imports_internal() {
        List<String> offenders = new ArrayList<>();
        for (String module : List.of(
                "aisa-langchain4j-spring-boot-starter",
                "aisa-langchain4j-testkit",
                "samples",
                "samples/spring-boot",
                "benchmarks")) {
            Path sources = REPOSITORY.resolve(module).resolve("src");
            if (Files.isDirectory(sources)) {
                imports(sources).stream()
                        .filter(line -> line.contains(" one.aisa.langchain4j.internal."))
                        .forEach(offenders::add);
            }
        }

        // the scan itself works: the core's own models do import internal
        assertThat(imports(REPOSITORY.resolve("aisa-langchain4j-core/src/main/java/one/aisa/langchain4j")))
                .anyMatch(line -> line.contains(" one.aisa.langchain4j.internal."));
        assertThat(REPOSITORY.resolve("aisa-langchain4j-spring-boot-starter")).isDirectory();
        assertThat(offenders).isEmpty();
    }

    /** Every import of ours under a folder, as {@code file: import x.y.Z}. */
    private static List<String> imports(Path folder) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher matcher = IMPORT.matcher(Files.readString(file));
                while (matcher.find()) {
                    found.add(folder.relativize(file) + ": import " + matcher.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
