package one.aisa.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.service.AiServices;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LangChain4j AI Services drive AisaChatModel end to end: the tool loop and structured outputs. */
class AiServicesTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GatewayStub gateway = new GatewayStub(server);

    interface Assistant {
        String chat(String message);
    }

    static class Calculator {
        final AtomicInteger calls = new AtomicInteger();

        @Tool("Adds two integers")
        int add(@P("first") int a, @P("second") int b) {
            calls.incrementAndGet();
            return a + b;
        }
    }

    record Person(String name, int age) {}

    interface Extractor {
        Person extract(String text);
    }

    @Test
    void two_round_tool_loop_sends_the_result_back_with_its_tool_call_id() {
        server.stubFor(post(urlEqualTo(GatewayStub.CHAT_PATH))
                .inScenario("tools")
                .whenScenarioStateIs(STARTED)
                .willReturn(okJson("""
                        {"id":"c1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
                         "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
                           "tool_calls":[{"id":"call_add_1","type":"function",
                             "function":{"name":"add","arguments":"{\\"a\\":2,\\"b\\":3}"}}]}}],
                         "usage":{"prompt_tokens":50,"completion_tokens":10,"total_tokens":60,"cost":0.0001}}
                        """))
                .willSetStateTo("answered tool"));
        server.stubFor(post(urlEqualTo(GatewayStub.CHAT_PATH))
                .inScenario("tools")
                .whenScenarioStateIs("answered tool")
                .willReturn(okJson(GatewayStub.completion("2 + 3 = 5"))));
        Calculator calculator = new Calculator();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(gateway.model().build())
                .tools(calculator)
                .build();

        String answer = assistant.chat("What is 2 + 3?");

        assertThat(answer).isEqualTo("2 + 3 = 5");
        assertThat(calculator.calls).hasValue(1);
        List<JsonNode> requests = gateway.requests();
        assertThat(requests).hasSize(2);
        JsonNode tool = requests.get(0).get("tools").get(0);
        assertThat(tool.get("type").asText()).isEqualTo("function");
        assertThat(tool.at("/function/name").asText()).isEqualTo("add");
        assertThat(tool.at("/function/parameters/properties/a/type").asText()).isEqualTo("integer");

        JsonNode followUp = requests.get(1).get("messages");
        assertThat(followUp).hasSize(3);
        assertThat(followUp.get(1).get("role").asText()).isEqualTo("assistant");
        assertThat(followUp.get(1).at("/tool_calls/0/id").asText()).isEqualTo("call_add_1");
        assertThat(followUp.get(1).at("/tool_calls/0/function/name").asText()).isEqualTo("add");
        assertThat(followUp.get(2).get("role").asText()).isEqualTo("tool");
        assertThat(followUp.get(2).get("tool_call_id").asText()).isEqualTo("call_add_1");
        assertThat(followUp.get(2).get("content").asText()).isEqualTo("5");
    }

    @Test
    void structured_output_uses_json_schema_on_models_that_honour_it() {
        gateway.respondJson(GatewayStub.completion("{\"name\":\"Ada\",\"age\":36}"));
        Extractor extractor = AiServices.create(Extractor.class, gateway.model().build());

        Person person = extractor.extract("Ada is 36.");

        assertThat(person).isEqualTo(new Person("Ada", 36));
        JsonNode format = gateway.lastRequest().get("response_format");
        assertThat(format.get("type").asText()).isEqualTo("json_schema");
        assertThat(format.at("/json_schema/schema/properties/age/type").asText())
                .isEqualTo("integer");
    }

    @Test
    void structured_output_falls_back_to_prompt_instructions_where_schemas_are_ignored() {
        gateway.respondJson(GatewayStub.completion("{\"name\":\"Ada\",\"age\":36}"));
        Extractor extractor = AiServices.create(
                Extractor.class, gateway.model().modelName("claude-sonnet-4-5").build());

        Person person = extractor.extract("Ada is 36.");

        assertThat(person).isEqualTo(new Person("Ada", 36));
        JsonNode request = gateway.lastRequest();
        assertThat(request.has("response_format")).isFalse();
        assertThat(request.at("/messages/0/content").asText())
                .contains("Ada is 36.")
                .contains("\"age\"");
    }
}
