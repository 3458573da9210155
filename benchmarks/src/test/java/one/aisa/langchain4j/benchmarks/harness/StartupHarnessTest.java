package one.aisa.langchain4j.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import one.aisa.langchain4j.benchmarks.harness.StartupHarness.Sample;
import one.aisa.langchain4j.benchmarks.harness.StartupHarness.Variant;
import org.junit.jupiter.api.Test;

class StartupHarnessTest {

    private static final String BANNER = " :: Spring Boot ::               (v3.5.16)\n\n";
    private static final String PLAIN = "startup-sample started-ms=812 jvm-to-ready-ms=1490 cpu-ms=2210"
            + " chat-model=AisaChatModel"
            + " streaming-model=AisaStreamingChatModel routes=1 metrics=false ai-service=false\n";

    private final List<Variant> variants = StartupHarness.variants("http://127.0.0.1:1/v1");

    @Test
    void the_sample_line_is_found_among_the_applications_other_output() {
        Map<String, String> pairs = StartupHarness.parse(BANNER + PLAIN + "a line after it\n");

        assertThat(pairs)
                .containsEntry("started-ms", "812")
                .containsEntry("jvm-to-ready-ms", "1490")
                .containsEntry("cpu-ms", "2210")
                .containsEntry("chat-model", "AisaChatModel")
                .hasSize(8);
    }

    @Test
    void output_without_a_sample_line_or_with_a_malformed_pair_is_refused() {
        assertThatThrownBy(() -> StartupHarness.parse(BANNER + "Exception in thread \"main\"\n"))
                .hasMessageStartingWith("No startup-sample line in:")
                .hasMessageContaining("Exception in thread");
        assertThatThrownBy(() -> StartupHarness.parse("startup-sample started-ms=1 oops\n"))
                .hasMessageStartingWith("Not key=value: 'oops'");
    }

    @Test
    void a_sample_counts_when_the_context_holds_what_its_variant_expects() {
        Sample sample = StartupHarness.sample(variants.get(1), PLAIN);

        assertThat(sample).isEqualTo(new Sample(812, 1490, 2210));
    }

    @Test
    void a_sample_of_the_wrong_variant_is_refused() {
        Variant router = variants.get(2);

        assertThatThrownBy(() -> StartupHarness.sample(router, PLAIN))
                .hasMessageStartingWith(router.name() + ": expected chat-model=RoutingChatModel");
        assertThatThrownBy(() -> StartupHarness.sample(variants.get(0), PLAIN))
                .hasMessageContaining("expected chat-model=none");
    }

    @Test
    void the_baseline_excludes_every_auto_configuration_the_starters_register() throws IOException {
        List<String> registered = registeredAutoConfigurations();
        List<String> ours =
                registered.stream().filter(name -> name.startsWith("one.aisa.")).toList();
        List<String> langChain4j = registered.stream()
                .filter(name -> name.startsWith("dev.langchain4j."))
                .toList();

        assertThat(StartupHarness.AISA_AUTO_CONFIGURATIONS).containsExactlyInAnyOrderElementsOf(ours);
        assertThat(langChain4j).containsExactly(StartupHarness.LANGCHAIN4J_AUTO_CONFIGURATION);
        assertThat(variants.get(0).arguments())
                .contains("--spring.autoconfigure.exclude=" + String.join(",", ours) + "," + langChain4j.get(0));
    }

    @Test
    void the_variants_differ_only_in_what_they_exclude_and_the_routers_fallbacks() {
        String metrics = "one.aisa.langchain4j.spring.AisaMetricsAutoConfiguration";
        String langChain4j = "dev.langchain4j.spring.LangChain4jAutoConfig";

        assertThat(variants)
                .allSatisfy(variant -> assertThat(variant.arguments())
                        .startsWith("--aisa.api-key=startup-harness", "--aisa.base-url=http://127.0.0.1:1/v1"));
        assertThat(variants.get(1).arguments())
                .endsWith("--spring.autoconfigure.exclude=" + metrics + "," + langChain4j)
                .hasSize(3);
        assertThat(variants.get(2).arguments())
                .endsWith(
                        "--spring.autoconfigure.exclude=" + langChain4j,
                        "--aisa.routing.fallbacks=gpt-4o,claude-sonnet-4-5");
        assertThat(variants.get(3).arguments())
                .endsWith("--spring.autoconfigure.exclude=" + metrics)
                .hasSize(3);
    }

    @Test
    void median_takes_the_middle_value_or_the_mean_of_the_two_middle_values() {
        assertThat(StartupHarness.median(new long[] {30, 10, 20})).isEqualTo(20.0);
        assertThat(StartupHarness.median(new long[] {40, 10, 30, 20})).isEqualTo(25.0);
    }

    @Test
    void p90_is_the_nearest_rank() {
        long[] fifteen = new long[15];
        for (int i = 0; i < fifteen.length; i++) {
            fifteen[i] = 15 - i;
        }

        assertThat(StartupHarness.percentile(fifteen, 0.9)).isEqualTo(14);
        assertThat(StartupHarness.percentile(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9))
                .isEqualTo(9);
        assertThat(StartupHarness.percentile(new long[] {7}, 0.9)).isEqualTo(7);
    }

    @Test
    void the_difference_to_the_baseline_pairs_the_samples_of_one_round() {
        long[] baseline = {1000, 1100, 900};
        long[] variant = {1040, 1160, 930};

        // per round +40, +60, +30: median +40; medians 1040 / 1000
        assertThat(StartupHarness.versus(variant, baseline)).isEqualTo("+40 ms, 1.04");
        assertThat(StartupHarness.versus(new long[] {990, 1090, 900}, baseline)).isEqualTo("-10 ms, 0.99");
    }

    private static List<String> registeredAutoConfigurations() throws IOException {
        List<String> names = new ArrayList<>();
        for (URL imports : Collections.list(StartupHarnessTest.class
                .getClassLoader()
                .getResources("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))) {
            try (InputStream in = imports.openStream()) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .forEach(names::add);
            }
        }
        return names;
    }
}
