package one.aisa.langchain4j.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import one.aisa.langchain4j.testkit.AisaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Every Java block of the root README, compiled as written and run against the simulator, so that the README
 * cannot drift from the code. The block of imports is put in front of every snippet (the README says so);
 * statement snippets become a {@code main} run in a fresh JVM with {@code AISA_API_KEY} and {@code AISA_BASE_URL}
 * pointing at a simulator, exactly as a reader's program would run; a block that is a whole test class (its own
 * imports) is compiled alone and run with the JUnit Platform, as a build would.
 */
class ReadmeSnippetsTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\n(.*?)```");
    private static final java.time.Duration RUN_TIMEOUT = java.time.Duration.ofSeconds(60);

    private static AisaSimulator simulator;

    @TempDir
    static Path classes;

    /** The Redis the budget snippet shares its spend in: a real redis-server, from embedded-redis's binaries. */
    private static redis.embedded.RedisServer redisServer;

    private static int redisPort;

    @BeforeAll
    static void startSimulator() throws IOException {
        simulator = AisaSimulator.start();
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            redisPort = socket.getLocalPort();
        }
        redisServer = redis.embedded.RedisServer.newRedisServer()
                .port(redisPort)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .build();
        redisServer.start();
    }

    @AfterAll
    static void stopSimulator() throws IOException {
        simulator.close();
        redisServer.stop();
    }

    @TestFactory
    Stream<DynamicTest> every_java_block_of_the_readme_compiles_and_runs() throws IOException {
        List<String> blocks = javaBlocks();
        String imports = blocks.stream()
                .filter(ReadmeSnippetsTest::isImportsOnly)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the README states no imports block"));
        List<DynamicTest> tests = new ArrayList<>();
        int line = 0;
        for (String block : blocks) {
            if (block == imports) {
                continue;
            }
            line++;
            String name = "ReadmeSnippet" + line;
            String firstLine = block.lines().findFirst().orElse("").strip();
            if (block.stripLeading().startsWith("import ")) {
                String className = className(block);
                tests.add(DynamicTest.dynamicTest(
                        "test class " + className + " compiles and passes", () -> runTestClass(className, block)));
            } else {
                tests.add(DynamicTest.dynamicTest(
                        name + ": " + firstLine, () -> runSnippet(name, wrap(name, imports, block), block)));
            }
        }
        assertThat(tests).as("the README's Java blocks").hasSizeGreaterThanOrEqualTo(5);
        return tests.stream();
    }

    private static void runSnippet(String name, String source, String block) throws Exception {
        compile(name, source, block);
        List<String> command = List.of(javaBinary(), "-cp", classes + File.pathSeparator + classPath(), name);
        ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true);
        process.environment().put("AISA_API_KEY", AisaSimulator.API_KEY);
        process.environment().put("AISA_BASE_URL", simulator.baseUrl());
        process.environment().put("REDIS_URL", "redis://127.0.0.1:" + redisPort);
        Process running = process.start();
        String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(running.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("finished in time")
                .isTrue();
        assertThat(running.exitValue())
                .as("exit code of the snippet\n%s\noutput:\n%s", block, output)
                .isZero();
        assertThat(output).as("what the snippet printed").isNotBlank();
    }

    private static void runTestClass(String className, String block) throws Exception {
        compile(className, block, block);
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, ReadmeSnippetsTest.class.getClassLoader())) {
            Class<?> testClass = loader.loadClass(className);
            Launcher launcher = LauncherFactory.create();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            launcher.execute(
                    LauncherDiscoveryRequestBuilder.request()
                            .selectors(selectClass(testClass))
                            .build(),
                    listener);
            TestExecutionSummary summary = listener.getSummary();
            assertThat(summary.getTestsFoundCount())
                    .as("tests found in %s", className)
                    .isPositive();
            assertThat(summary.getFailures().stream()
                            .map(failure -> failure.getException().toString())
                            .toList())
                    .as("failures of %s", className)
                    .isEmpty();
            assertThat(summary.getTestsSucceededCount()).isEqualTo(summary.getTestsFoundCount());
        }
    }

    private static void compile(String className, String source, String block) throws IOException {
        Path file = classes.resolve(className + ".java");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            boolean compiled = compiler.getTask(
                            null,
                            files,
                            diagnostics,
                            List.of("-classpath", classPath(), "-d", classes.toString(), "-proc:none"),
                            null,
                            files.getJavaFileObjects(file))
                    .call();
            assertThat(compiled)
                    .as("the README block compiles:\n%s\n%s", block, diagnostics.getDiagnostics())
                    .isTrue();
        }
    }

    /** Statements become the body of a main method; local classes and interfaces stay where they are. */
    static String wrap(String className, String imports, String block) {
        return imports + "\npublic class " + className
                + " {\n    public static void main(String[] args) throws Exception {\n" + block + "\n    }\n}\n";
    }

    static List<String> javaBlocks() throws IOException {
        String readme = Files.readString(readme(), StandardCharsets.UTF_8);
        List<String> blocks = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(readme);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    private static boolean isImportsOnly(String block) {
        return block.lines().filter(line -> !line.isBlank()).allMatch(line -> line.startsWith("import "));
    }

    private static String className(String block) {
        Matcher matcher = Pattern.compile("(?m)^(?:public )?class (\\w+)").matcher(block);
        assertThat(matcher.find()).as("a class in\n%s", block).isTrue();
        return matcher.group(1);
    }

    private static Path readme() {
        for (Path candidate : List.of(Path.of("README.md"), Path.of("../README.md"))) {
            if (Files.exists(candidate)
                    && !candidate.toAbsolutePath().normalize().getParent().endsWith("samples")) {
                return candidate;
            }
        }
        throw new AssertionError(
                "the root README.md was not found from " + Path.of("").toAbsolutePath());
    }

    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
