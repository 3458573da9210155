package one.aisa.langchain4j.benchmarks.harness;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import one.aisa.langchain4j.benchmarks.harness.startup.StartupApp;

/**
 * The Spring Boot context start-up time an application pays for our starter: the same small application
 * ({@link StartupApp}) started again and again, each time in a fresh JVM (start-up is class loading and bean
 * creation, which a warm JVM would not repeat): with the AIsa auto-configurations excluded (the baseline), with a
 * plain model, with a router over three models plus Micrometer metrics, and with LangChain4j's own starter wiring an
 * {@code @AiService} to the plain model. The variants take turns (A B C D A B C D ...) so that the machine's drift
 * hits all alike; the warm-up rounds are discarded. {@code aisa.base-url} is a loopback socket here, and no start-up
 * may connect to it.
 *
 * <p>Each start-up reports the time Spring Boot logs as "Started ... in N seconds"
 * ({@code ApplicationStartedEvent#getTimeTaken()}: from {@code SpringApplication.run} to the refreshed context), the
 * time from the JVM's start to the application ready (adding JVM boot, {@code main} and the
 * {@code SpringApplication} constructor), and the CPU time used by then. The children run on the class path Maven
 * writes to {@code benchmarks/target/startup-classpath.txt}: plain jars, as from an IDE or an exploded image.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar one.aisa.langchain4j.benchmarks.harness.StartupHarness
 * [measured rounds, default 15] [warm-up rounds, default 2]}: about 2 minutes on 2 cores.
 */
public final class StartupHarness {

    private static final int MEASURED = 15;
    private static final int WARM_UP = 2;
    private static final long CHILD_TIMEOUT_SECONDS = 120;

    private static final String AISA_METRICS_AUTO_CONFIGURATION =
            "one.aisa.langchain4j.spring.AisaMetricsAutoConfiguration";

    /** Every auto-configuration the starter registers; the baseline excludes them all. */
    static final List<String> AISA_AUTO_CONFIGURATIONS = List.of(
            "one.aisa.langchain4j.spring.AisaSharedStateAutoConfiguration",
            "one.aisa.langchain4j.spring.AisaAutoConfiguration",
            AISA_METRICS_AUTO_CONFIGURATION,
            "one.aisa.langchain4j.spring.AisaEndpointAutoConfiguration",
            "one.aisa.langchain4j.spring.AisaApiKeyCheckAutoConfiguration");

    /** langchain4j-spring-boot-starter's one auto-configuration; it imports the {@code @AiService} wiring. */
    static final String LANGCHAIN4J_AUTO_CONFIGURATION = "dev.langchain4j.spring.LangChain4jAutoConfig";

    private StartupHarness() {}

    /** One configuration of the application, and what its context must hold for a sample to count. */
    record Variant(String name, List<String> arguments, Map<String, String> expected) {}

    /**
     * One start-up, in milliseconds: Spring Boot's "Started ... in", the JVM's start to the application ready, and
     * the CPU time the process had used by then (all its threads: JIT compilers and GC too), which other load on the
     * machine moves less than the elapsed times.
     */
    record Sample(long started, long jvmToReady, long cpu) {}

    public static void main(String[] args) throws Exception {
        int measured = args.length > 0 ? Integer.parseInt(args[0]) : MEASURED;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : WARM_UP;
        List<String> java = javaCommand();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Path log = Files.createTempFile("startup-harness", ".log");
        try (ConnectionCounter gateway = new ConnectionCounter()) {
            List<Variant> variants = variants(gateway.baseUrl());
            System.out.printf(
                    "java %s, %d CPUs: %d variants, %d warm-up + %d measured rounds, one fresh JVM per sample%n",
                    System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(),
                    variants.size(),
                    warmUp,
                    measured);
            report(rounds(java, variants, warmUp, measured, log));
            if (gateway.connections() > 0) {
                throw new IllegalStateException(gateway.connections() + " connections reached aisa.base-url ("
                        + gateway.baseUrl() + ") during start-up; the starter must not call the gateway there");
            }
            System.out.printf(
                    "No start-up connected to aisa.base-url (a listening loopback socket, %d start-ups). Load average"
                            + " %.1f before, %.1f after.%n",
                    variants.size() * (warmUp + measured),
                    loadBefore,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Round after round, each variant once per round; the samples of the measured rounds, per variant. */
    private static Map<Variant, List<Sample>> rounds(
            List<String> java, List<Variant> variants, int warmUp, int measured, Path log) throws Exception {
        Map<Variant, List<Sample>> samples = new LinkedHashMap<>();
        variants.forEach(variant -> samples.put(variant, new ArrayList<>()));
        for (int round = 0; round < warmUp + measured; round++) {
            for (Variant variant : variants) {
                Sample sample = start(java, variant, log);
                if (round >= warmUp) {
                    samples.get(variant).add(sample);
                }
            }
        }
        return samples;
    }

    /**
     * The same properties everywhere; the variants differ in what they exclude and in the router's fallbacks. The
     * application has a {@code MeterRegistry} in every variant, so the rows without metrics exclude ours.
     */
    static List<Variant> variants(String baseUrl) {
        List<String> common = List.of("--aisa.api-key=startup-harness", "--aisa.base-url=" + baseUrl);
        List<String> everything = new ArrayList<>(AISA_AUTO_CONFIGURATIONS);
        everything.add(LANGCHAIN4J_AUTO_CONFIGURATION);
        return List.of(
                new Variant(
                        "without the starter (its auto-configurations excluded)",
                        arguments(common, everything),
                        expected("none", "none", 0, false, false)),
                new Variant(
                        "starter: plain model",
                        arguments(common, List.of(AISA_METRICS_AUTO_CONFIGURATION, LANGCHAIN4J_AUTO_CONFIGURATION)),
                        expected("AisaChatModel", "AisaStreamingChatModel", 1, false, false)),
                new Variant(
                        "starter: router over 3 models, + metrics",
                        arguments(
                                common,
                                List.of(LANGCHAIN4J_AUTO_CONFIGURATION),
                                "--aisa.routing.fallbacks=gpt-4o,claude-sonnet-4-5"),
                        expected("RoutingChatModel", "RoutingStreamingChatModel", 3, true, false)),
                new Variant(
                        "starter: plain model, + LangChain4j's starter and one @AiService",
                        arguments(common, List.of(AISA_METRICS_AUTO_CONFIGURATION)),
                        expected("AisaChatModel", "AisaStreamingChatModel", 1, false, true)));
    }

    private static List<String> arguments(List<String> common, List<String> excluded, String... more) {
        List<String> arguments = new ArrayList<>(common);
        arguments.add("--spring.autoconfigure.exclude=" + String.join(",", excluded));
        arguments.addAll(List.of(more));
        return arguments;
    }

    private static Map<String, String> expected(
            String chatModel, String streamingModel, int routes, boolean metrics, boolean aiService) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("chat-model", chatModel);
        expected.put("streaming-model", streamingModel);
        expected.put("routes", String.valueOf(routes));
        expected.put("metrics", String.valueOf(metrics));
        expected.put("ai-service", String.valueOf(aiService));
        return expected;
    }

    /** This JVM's own {@code java}, on the class path of plain jars Maven wrote next to the benchmarks jar. */
    private static List<String> javaCommand() throws IOException, URISyntaxException {
        Path target = Path.of(StartupHarness.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .getParent();
        Path dependencies = target.resolve("startup-classpath.txt");
        if (!Files.isRegularFile(dependencies) || !Files.isDirectory(target.resolve("classes"))) {
            throw new IllegalStateException("No " + dependencies + " or " + target.resolve("classes")
                    + ": build first, from the repository root: mvn -B -q -DskipTests package");
        }
        String classPath = target.resolve("classes")
                + File.pathSeparator
                + Files.readString(dependencies).strip();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-cp", classPath, StartupApp.class.getName());
    }

    private static Sample start(List<String> java, Variant variant, Path log) throws Exception {
        List<String> command = new ArrayList<>(java);
        command.addAll(variant.arguments());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    variant.name() + ": no exit within " + CHILD_TIMEOUT_SECONDS + " s:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(variant.name() + ": exit " + process.exitValue() + ":\n" + output);
        }
        return sample(variant, output);
    }

    /** The sample in a child's output, refused unless its context holds what the variant expects. */
    static Sample sample(Variant variant, String output) {
        Map<String, String> reported = parse(output);
        variant.expected().forEach((key, value) -> {
            if (!value.equals(reported.get(key))) {
                throw new IllegalStateException(variant.name() + ": expected " + key + "=" + value + ", the application"
                        + " reported " + reported);
            }
        });
        return new Sample(
                Long.parseLong(reported.get("started-ms")),
                Long.parseLong(reported.get("jvm-to-ready-ms")),
                Long.parseLong(reported.get("cpu-ms")));
    }

    /** The {@code key=value} pairs of the {@code startup-sample} line. */
    static Map<String, String> parse(String output) {
        String line = output.lines()
                .filter(candidate -> candidate.startsWith(StartupApp.SAMPLE_PREFIX + " "))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("No " + StartupApp.SAMPLE_PREFIX + " line in:\n" + output));
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair :
                line.substring(StartupApp.SAMPLE_PREFIX.length()).strip().split(" +")) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalStateException("Not key=value: '" + pair + "' in: " + line);
            }
            pairs.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return pairs;
    }

    private static void report(Map<Variant, List<Sample>> samples) {
        Map<String, ToLongFunction<Sample>> figures = new LinkedHashMap<>();
        figures.put("started", Sample::started);
        figures.put("JVM start → ready", Sample::jvmToReady);
        figures.put("CPU time to ready", Sample::cpu);
        StringBuilder header = new StringBuilder("| variant |");
        figures.keySet()
                .forEach(figure -> header.append(' ').append(figure).append(": median / p90 (ms) | vs baseline |"));
        System.out.println(header);
        System.out.println("|---".repeat(1 + 2 * figures.size()) + "|");
        List<Sample> baseline = samples.values().iterator().next();
        samples.forEach((variant, measured) -> {
            StringBuilder row = new StringBuilder("| " + variant.name() + " |");
            figures.values().forEach(figure -> {
                long[] values = measured.stream().mapToLong(figure).toArray();
                long[] baselineValues = baseline.stream().mapToLong(figure).toArray();
                row.append(String.format(
                        " %.0f / %d | %s |",
                        median(values),
                        percentile(values, 0.9),
                        measured == baseline ? "—" : versus(values, baselineValues)));
            });
            System.out.println(row);
        });
    }

    /**
     * "+41 ms, 1.05": the median of the per-round differences (the rounds pair the samples), and the ratio of the
     * medians.
     */
    static String versus(long[] values, long[] baseline) {
        long[] differences = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            differences[i] = values[i] - baseline[i];
        }
        return String.format("%+.0f ms, %.2f", median(differences), median(values) / median(baseline));
    }

    /** The middle value; the mean of the two middle values when there is an even number. */
    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    /** Nearest rank: the smallest value with at least {@code p} of the values at or below it. */
    static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /**
     * A loopback socket standing in for the gateway, counting the connections it accepts: start-up must make none.
     */
    private static final class ConnectionCounter implements AutoCloseable {

        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();

        ConnectionCounter() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            Thread acceptor = new Thread(this::accept, "startup-harness-gateway");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    connections.incrementAndGet();
                    connection.close();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        String baseUrl() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
