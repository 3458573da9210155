package one.aisa.langchain4j.samples.cli;

import java.io.PrintStream;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaGatewayClient;
import one.aisa.langchain4j.AisaGeminiChatModel;
import one.aisa.langchain4j.AisaGeminiStreamingChatModel;
import one.aisa.langchain4j.AisaStreamingChatModel;
import one.aisa.langchain4j.testkit.AisaSimulator;

/**
 * Where the CLI's calls go: the real gateway when {@code AISA_API_KEY} is set, otherwise the AIsa simulator started
 * in-process. Either way the first line on stderr says which, so nobody mistakes simulated answers for real ones, or
 * real (billed) calls for simulated ones.
 */
final class Gateway implements AutoCloseable {

    static final String OFFLINE_NOTICE =
            "Offline: AISA_API_KEY is not set, so answers come from the built-in AIsa simulator (simulated, free).";

    static final String DEFAULT_BASE_URL = "https://api.aisa.one/v1";

    private final String apiKey;
    private final String baseUrl;
    /** The pause between streamed pieces offline: about a fast model's pace. */
    static final java.time.Duration STREAM_PACE = java.time.Duration.ofMillis(25);

    private final AisaSimulator simulator;

    private Gateway(String apiKey, String baseUrl, AisaSimulator simulator) {
        this.apiKey = apiKey;
        this.baseUrl = baseUrl;
        this.simulator = simulator;
    }

    /**
     * Opens the gateway and prints where calls go on {@code notices}. A base URL without a key is not used (the
     * library needs a key for every call, and the simulator has its own address): a warning says so.
     *
     * @param baseUrlOption {@code --base-url}, or null
     * @param baseUrlVariable {@code AISA_BASE_URL}, or null
     */
    static Gateway open(String apiKey, String baseUrlOption, String baseUrlVariable, PrintStream notices) {
        if (apiKey != null && !apiKey.isBlank()) {
            String baseUrl = baseUrlOption != null ? baseUrlOption : baseUrlVariable;
            notices.println(onlineNotice(baseUrl != null ? baseUrl : DEFAULT_BASE_URL));
            notices.flush();
            return new Gateway(apiKey, baseUrl, null);
        }
        notices.println(OFFLINE_NOTICE);
        if (baseUrlOption != null || baseUrlVariable != null) {
            notices.println("Warning: "
                    + (baseUrlOption != null ? "--base-url " + baseUrlOption : "AISA_BASE_URL=" + baseUrlVariable)
                    + " is not used without AISA_API_KEY; set the key to call that gateway.");
        }
        notices.flush();
        // paced, so that --stream and the demo's stream visibly stream offline too
        AisaSimulator simulator =
                AisaSimulator.builder().streamChunkDelay(STREAM_PACE).start();
        return new Gateway(AisaSimulator.API_KEY, simulator.baseUrl(), simulator);
    }

    static String onlineNotice(String baseUrl) {
        return "Online: AISA_API_KEY is set; calls go to " + baseUrl + " and are billed.";
    }

    boolean simulated() {
        return simulator != null;
    }

    /** The simulator, to script its answers; only when {@link #simulated()}. */
    AisaSimulator simulator() {
        return simulator;
    }

    AisaChatModel.AisaChatModelBuilder chatModel(String modelName) {
        return AisaChatModel.builder().apiKey(apiKey).baseUrl(baseUrl).modelName(modelName);
    }

    AisaStreamingChatModel.AisaStreamingChatModelBuilder streamingChatModel(String modelName) {
        return AisaStreamingChatModel.builder().apiKey(apiKey).baseUrl(baseUrl).modelName(modelName);
    }

    /** A model on Gemini's native route: the library's default base URL online, unless one was given. */
    AisaGeminiChatModel.AisaGeminiChatModelBuilder geminiChatModel(String modelName) {
        return AisaGeminiChatModel.builder()
                .apiKey(apiKey)
                .baseUrl(geminiBaseUrl())
                .modelName(modelName);
    }

    AisaGeminiStreamingChatModel.AisaGeminiStreamingChatModelBuilder geminiStreamingChatModel(String modelName) {
        return AisaGeminiStreamingChatModel.builder()
                .apiKey(apiKey)
                .baseUrl(geminiBaseUrl())
                .modelName(modelName);
    }

    private String geminiBaseUrl() {
        return simulator != null ? simulator.geminiBaseUrl() : baseUrl;
    }

    AisaGatewayClient client() {
        return AisaGatewayClient.builder().apiKey(apiKey).baseUrl(baseUrl).build();
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
