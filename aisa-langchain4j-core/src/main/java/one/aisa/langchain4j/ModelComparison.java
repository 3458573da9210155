package one.aisa.langchain4j;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * Sends one request to several models at once and reports, per model, the answer or the error, the latency, the
 * tokens and the cost: the raw material of an A/B test. Calls run on virtual threads when the JVM has them
 * (Java 21+), otherwise on a small pool of platform threads.
 *
 * <pre>{@code
 * List<ModelComparison.Result> results = ModelComparison.of(gpt, claude, qwen).compare("Explain CAP in one line");
 * }</pre>
 */
public final class ModelComparison {

    private static final int MAX_PLATFORM_THREADS = 16;

    private final Map<String, ChatModel> models;
    private final List<String> order;
    private final LongSupplier nanoTime;

    private ModelComparison(Map<String, ChatModel> models, LongSupplier nanoTime) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("ModelComparison needs at least one model");
        }
        models.forEach((label, model) -> Objects.requireNonNull(model, "the model labelled " + label + " is null"));
        this.models = Map.copyOf(models);
        this.order = List.copyOf(models.keySet());
        this.nanoTime = nanoTime;
    }

    /** Compares these models, each labelled with its model name. */
    public static ModelComparison of(AisaChatModel... models) {
        Map<String, ChatModel> labelled = new LinkedHashMap<>();
        for (AisaChatModel model : models) {
            Objects.requireNonNull(model, "a model to compare is null");
            labelled.put(model.modelName(), model);
        }
        return new ModelComparison(labelled, System::nanoTime);
    }

    /** Compares any chat models under the given labels, in the map's order. */
    public static ModelComparison of(Map<String, ? extends ChatModel> labelledModels) {
        return new ModelComparison(new LinkedHashMap<>(labelledModels), System::nanoTime);
    }

    static ModelComparison of(Map<String, ? extends ChatModel> labelledModels, LongSupplier nanoTime) {
        return new ModelComparison(new LinkedHashMap<>(labelledModels), nanoTime);
    }

    /** Asks every model the same question. */
    public List<Result> compare(String question) {
        return compare(
                ChatRequest.builder().messages(UserMessage.from(question)).build());
    }

    /** Sends the same request to every model, in parallel; results come back in the models' order. */
    public List<Result> compare(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        ExecutorService executor = newExecutor(order.size());
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (String label : order) {
                futures.add(executor.submit(() -> call(label, models.get(label), request)));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> future : futures) {
                results.add(await(future));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    private Result call(String label, ChatModel model, ChatRequest request) {
        long start = nanoTime.getAsLong();
        try {
            ChatResponse response = model.chat(request);
            return new Result(label, response, null, Duration.ofNanos(nanoTime.getAsLong() - start));
        } catch (RuntimeException e) {
            return new Result(label, null, e, Duration.ofNanos(nanoTime.getAsLong() - start));
        }
    }

    private static Result await(Future<Result> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while comparing models", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a comparison call failed outside the model", e.getCause());
        }
    }

    /** Virtual threads on Java 21+, found at run time so the bytecode stays Java 17. */
    static ExecutorService newExecutor(int tasks) {
        try {
            return (ExecutorService)
                    Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException notJava21) {
            return Executors.newFixedThreadPool(Math.min(tasks, MAX_PLATFORM_THREADS));
        }
    }

    /**
     * One model's outcome.
     *
     * @param label the model's label (its model name unless given)
     * @param response the answer, or {@code null} when the call failed
     * @param error the failure, or {@code null} when it answered
     * @param latency from sending the request to the complete answer or the failure
     */
    public record Result(String label, ChatResponse response, Throwable error, Duration latency) {

        public boolean succeeded() {
            return response != null;
        }

        public String text() {
            return response == null ? null : response.aiMessage().text();
        }

        public TokenUsage tokenUsage() {
            return response == null ? null : response.tokenUsage();
        }

        /** The cost the gateway reported, or {@code null} (failed call, or a model that is not an AIsa model). */
        public BigDecimal cost() {
            return response != null && response.metadata() instanceof AisaChatResponseMetadata aisa
                    ? aisa.cost()
                    : null;
        }

        /** The model that actually answered, as the response named it. */
        public String answeringModel() {
            return response == null ? null : response.modelName();
        }
    }
}
