package one.aisa.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AisaChatModelSmokeTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GatewayStub gateway = new GatewayStub(server);

    @Test
    void answers_a_question_and_reports_cost() {
        gateway.respondJson(GatewayStub.completion("Berlin"));

        ChatResponse response = gateway.model().build().chat(UserMessage.from("Capital of Germany?"));

        assertThat(response.aiMessage().text()).isEqualTo("Berlin");
        assertThat(response.metadata()).isInstanceOf(AisaChatResponseMetadata.class);
        AisaChatResponseMetadata metadata = (AisaChatResponseMetadata) response.metadata();
        assertThat(metadata.cost()).isEqualByComparingTo(new BigDecimal("0.0012"));
        assertThat(metadata.creditsRemaining()).isEqualByComparingTo(new BigDecimal("4.9988"));
        assertThat(metadata.modelName()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(metadata.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(gateway.lastRequest().get("model").asText()).isEqualTo("gpt-4o-mini");
    }
}
