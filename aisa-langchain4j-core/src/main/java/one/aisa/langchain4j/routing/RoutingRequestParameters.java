package one.aisa.langchain4j.routing;

import static dev.langchain4j.internal.Utils.getOrDefault;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import java.util.Objects;

/**
 * Request parameters that carry a routing hint: the task type, which the task-aware strategy then uses instead of
 * guessing. Routers pass only the common parameters on to their models.
 *
 * <pre>{@code
 * router.chat(ChatRequest.builder()
 *         .messages(UserMessage.from("..."))
 *         .parameters(RoutingRequestParameters.builder().taskType(TaskType.CODE).temperature(0.2).build())
 *         .build());
 * }</pre>
 */
public class RoutingRequestParameters extends DefaultChatRequestParameters {

    private final TaskType taskType;

    protected RoutingRequestParameters(Builder builder) {
        super(builder);
        this.taskType = builder.taskType;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The task type hint, or {@code null}. */
    public TaskType taskType() {
        return taskType;
    }

    @Override
    public RoutingRequestParameters overrideWith(ChatRequestParameters that) {
        return builder().overrideWith(this).overrideWith(that).build();
    }

    @Override
    public RoutingRequestParameters defaultedBy(ChatRequestParameters that) {
        return builder().overrideWith(that).overrideWith(this).build();
    }

    /** The same parameters without the hint, for the routed models. */
    ChatRequestParameters withoutHints() {
        return DefaultChatRequestParameters.builder().overrideWith(this).build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RoutingRequestParameters that && super.equals(that) && taskType == that.taskType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), taskType);
    }

    @Override
    public String toString() {
        return "RoutingRequestParameters{taskType=" + taskType + ", " + super.toString() + '}';
    }

    public static class Builder extends DefaultChatRequestParameters.Builder<Builder> {

        private TaskType taskType;

        @Override
        public Builder overrideWith(ChatRequestParameters parameters) {
            super.overrideWith(parameters);
            if (parameters instanceof RoutingRequestParameters routing) {
                taskType(getOrDefault(routing.taskType, taskType));
            }
            return this;
        }

        public Builder taskType(TaskType taskType) {
            this.taskType = taskType;
            return this;
        }

        @Override
        public RoutingRequestParameters build() {
            return new RoutingRequestParameters(this);
        }
    }
}
