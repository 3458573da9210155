package one.aisa.langchain4j.samples.cli;

import java.io.PrintStream;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaGatewayClient;
import one.aisa.langchain4j.AisaStreamingChatModel;
import one.aisa.langchain4j.testkit.AisaSimulator;

/**
 * Where the CLI's calls go: the real gateway when {@code AISA_API_KEY} is set, otherwise the AIsa simulator started
 * in-process (announced on the first line of output, so nobody mistakes simulated answers for real ones).
 */
final class Gateway implements AutoCloseable {

    static final String OFFLINE_NOTICE =
            "Offline: AISA_API_KEY is not set, so answers come from the built-in AIsa simulator (simulated, free).";

    private final String apiKey;
    private final String baseUrl;
    private final AisaSimulator simulator;

    private Gateway(String apiKey, String baseUrl, AisaSimulator simulator) {
        this.apiKey = apiKey;
        this.baseUrl = baseUrl;
        this.simulator = simulator;
    }

    static Gateway open(String apiKey, String baseUrl, PrintStream notices) {
        if (apiKey != null && !apiKey.isBlank()) {
            return new Gateway(apiKey, baseUrl, null);
        }
        AisaSimulator simulator = AisaSimulator.start();
        notices.println(OFFLINE_NOTICE);
        notices.flush();
        return new Gateway(AisaSimulator.API_KEY, simulator.baseUrl(), simulator);
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
