package one.aisa.langchain4j.spring;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import one.aisa.langchain4j.cost.CostTracker;
import one.aisa.langchain4j.routing.Budget;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** The {@code aisa} Actuator endpoint, when Actuator is on the class path (expose it as any endpoint). */
@AutoConfiguration(after = AisaAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnProperty(prefix = AisaProperties.PREFIX, name = "api-key")
public class AisaEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public AisaEndpoint aisaEndpoint(
            ObjectProvider<ChatModel> chatModel,
            ObjectProvider<StreamingChatModel> streamingChatModel,
            ObjectProvider<CostTracker> costTracker,
            ObjectProvider<Budget> budget,
            ObjectProvider<AisaSharedStateStatus> sharedState) {
        return new AisaEndpoint(chatModel, streamingChatModel, costTracker, budget, sharedState);
    }
}
