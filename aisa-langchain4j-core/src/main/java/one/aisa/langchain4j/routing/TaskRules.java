package one.aisa.langchain4j.routing;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which models serve which task type, best first: plain data, the AIsa skill's MODEL_MAP idea. Task types without a
 * rule use the router's chain order.
 */
public final class TaskRules {

    private final Map<TaskType, List<String>> preferences;

    private TaskRules(Map<TaskType, List<String>> preferences) {
        this.preferences = Map.copyOf(preferences);
    }

    /** Rules for the built-in catalog's models (code: DeepSeek, creative: Claude, Chinese: Qwen, ...). */
    public static TaskRules defaults() {
        return builder()
                .route(TaskType.CODE, "deepseek-v3.1", "gpt-4.1")
                .route(TaskType.CREATIVE, "claude-sonnet-4-5", "gpt-4o")
                .route(TaskType.FAST, "gemini-2.5-flash", "gpt-4o-mini")
                .route(TaskType.VISION, "gpt-4o", "gemini-2.5-flash")
                .route(TaskType.CHINESE, "qwen3-max", "deepseek-v3.1")
                .route(TaskType.REASONING, "deepseek-r1", "gemini-2.5-pro")
                .route(TaskType.GENERAL, "gpt-4o-mini")
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The preferred models for this task type, best first; empty when there is no rule. */
    public List<String> preferred(TaskType taskType) {
        return preferences.getOrDefault(taskType, List.of());
    }

    @Override
    public String toString() {
        return "TaskRules" + new EnumMap<>(preferences);
    }

    public static final class Builder {

        private final Map<TaskType, List<String>> preferences = new EnumMap<>(TaskType.class);

        private Builder() {}

        /** Serves this task type with these models, best first. */
        public Builder route(TaskType taskType, String... models) {
            Objects.requireNonNull(taskType, "taskType");
            for (String model : models) {
                if (model == null || model.isBlank()) {
                    throw new IllegalArgumentException("a model id for " + taskType + " is blank");
                }
            }
            preferences.put(taskType, List.of(models));
            return this;
        }

        public TaskRules build() {
            return new TaskRules(preferences);
        }
    }
}
