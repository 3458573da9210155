package one.aisa.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import one.aisa.langchain4j.exception.InsufficientCreditsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Configuration fails fast with a message that names the fix; defaults are what the docs say. */
class AisaChatModelBuilderTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GatewayStub gateway = new GatewayStub(server);

    @Test
    void missing_key_names_the_environment_variable() {
        assertThatThrownBy(() -> AisaChatModel.builder()
                        .modelName("gpt-4o-mini")
                        .environment(name -> null)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AISA_API_KEY")
                .hasMessageContaining("apiKey(...)");
    }

    @Test
    void blank_key_is_as_good_as_missing() {
        assertThatThrownBy(() -> AisaChatModel.builder()
                        .apiKey("   ")
                        .modelName("gpt-4o-mini")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AISA_API_KEY");
    }

    @Test
    void key_is_read_from_the_environment_when_not_set() {
        gateway.respondJson(GatewayStub.completion("hi"));

        gateway.model()
                .apiKey(null)
                .environment(name -> name.equals("AISA_API_KEY") ? "env-key-42" : null)
                .build()
                .chat("hello");

        server.verify(postRequestedFor(urlEqualTo(GatewayStub.CHAT_PATH))
                .withHeader("Authorization", equalTo("Bearer env-key-42")));
    }

    @Test
    void the_base_url_is_read_from_aisa_base_url_when_not_set_and_a_set_one_wins() {
        gateway.respondJson(GatewayStub.completion("hi"));
        java.util.function.Function<String, String> environment =
                name -> name.equals("AISA_BASE_URL") ? gateway.baseUrl() + "/" : null;

        AisaChatModel fromEnvironment =
                gateway.model().baseUrl(null).environment(environment).build();
        fromEnvironment.chat("hello");

        assertThat(fromEnvironment.baseUrl()).isEqualTo(gateway.baseUrl());
        server.verify(1, postRequestedFor(urlEqualTo(GatewayStub.CHAT_PATH)));
        assertThat(gateway.model()
                        .baseUrl("https://proxy.example/v1")
                        .environment(environment)
                        .build()
                        .baseUrl())
                .isEqualTo("https://proxy.example/v1");
        assertThat(gateway.model()
                        .baseUrl(null)
                        .environment(name -> "  ")
                        .build()
                        .baseUrl())
                .isEqualTo("https://api.aisa.one/v1");
        assertThatThrownBy(() -> gateway.model()
                        .baseUrl(null)
                        .environment(name -> name.equals("AISA_BASE_URL") ? "ftp://x" : null)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("AISA_BASE_URL 'ftp://x' is not a usable http(s) URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t"})
    void an_empty_prompt_is_refused_before_anything_is_sent_or_billed(String prompt) throws Exception {
        gateway.respondJson(GatewayStub.completion("hi"));
        AisaChatModel model = gateway.model().build();

        assertThatThrownBy(() -> model.chat(prompt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("messages[0] is a user message without text or any other content: give it the question"
                        + " (an empty prompt is still sent and billed).");
        RecordingStreamingHandler handler = new RecordingStreamingHandler();
        Throwable streamed = org.assertj.core.api.Assertions.catchThrowable(() -> AisaStreamingChatModel.builder()
                .apiKey(GatewayStub.API_KEY)
                .baseUrl(gateway.baseUrl())
                .modelName("gpt-4o-mini")
                .build()
                .chat(prompt, handler));
        assertThat(streamed != null ? streamed : handler.awaitError())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without text");
        server.verify(0, postRequestedFor(urlEqualTo(GatewayStub.CHAT_PATH)));
    }

    @Test
    void more_than_four_stop_sequences_are_refused_naming_the_limit() {
        assertThatThrownBy(() ->
                        gateway.model().stop(List.of("a", "b", "c", "d", "e")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stop takes at most 4 sequences")
                .hasMessageContaining("got 5");
        assertThat(gateway.model().stop(List.of("a", "b", "c", "d")).build()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blank_model_name_is_refused(String modelName) {
        assertThatThrownBy(() -> gateway.model().modelName(modelName).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("modelName")
                .hasMessageContaining("/models");
    }

    @Test
    void missing_model_name_is_refused() {
        assertThatThrownBy(() -> gateway.model().modelName(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("modelName is required");
    }

    @Test
    void model_name_may_come_from_default_request_parameters() {
        AisaChatModel model = gateway.model()
                .modelName(null)
                .defaultRequestParameters(
                        ChatRequestParameters.builder().modelName("qwen-max").build())
                .build();

        assertThat(model.modelName()).isEqualTo("qwen-max");
        assertThat(model.defaultRequestParameters().modelName()).isEqualTo("qwen-max");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not a url",
                "api.aisa.one/v1",
                "ftp://api.aisa.one/v1",
                "http://",
                "https://api.aisa.one/v1?key=1",
                "https://api.aisa.one/v1#top"
            })
    void malformed_base_url_is_refused_with_an_example(String baseUrl) {
        assertThatThrownBy(() -> gateway.model().baseUrl(baseUrl).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseUrl")
                .hasMessageContaining("https://api.aisa.one/v1");
    }

    @Test
    void base_url_defaults_to_the_gateway_and_loses_a_trailing_slash() {
        assertThat(AisaChatModel.builder().apiKey("k").modelName("m").build().baseUrl())
                .isEqualTo("https://api.aisa.one/v1");

        gateway.respondJson(GatewayStub.completion("hi"));
        gateway.model().baseUrl(gateway.baseUrl() + "/").build().chat("hello");

        assertThat(gateway.rawRequests()).hasSize(1);
    }

    @Test
    void top_k_in_default_parameters_fails_at_build() {
        assertThatThrownBy(() -> gateway.model()
                        .defaultRequestParameters(
                                ChatRequestParameters.builder().topK(40).build())
                        .build())
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("topK")
                .hasMessageContaining("topP");
    }

    @Test
    void top_k_in_a_request_fails_before_anything_is_sent() {
        AisaChatModel model = gateway.model().build();
        ChatRequest request =
                ChatRequest.builder().messages(UserMessage.from("hi")).topK(5).build();

        assertThatThrownBy(() -> model.chat(request))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("topK");
        assertThat(gateway.rawRequests()).isEmpty();
    }

    @Test
    void blank_model_name_in_a_request_fails_before_anything_is_sent() {
        AisaChatModel model = gateway.model().build();
        ChatRequest request = ChatRequest.builder()
                .messages(UserMessage.from("hi"))
                .modelName(" ")
                .build();

        assertThatThrownBy(() -> model.chat(request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("modelName");
        assertThat(gateway.rawRequests()).isEmpty();
    }

    @Test
    void empty_message_list_is_refused() {
        AisaChatModel model = gateway.model().build();

        assertThatThrownBy(() -> model.chat(List.<ChatMessage>of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messages");
        assertThat(gateway.rawRequests()).isEmpty();
    }

    @Test
    void null_message_is_refused_with_its_index() {
        AisaChatModel model = gateway.model().build();
        List<ChatMessage> messages = Arrays.asList(UserMessage.from("hi"), null);

        assertThatThrownBy(() -> model.chat(messages))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messages[1] is null");
        assertThat(gateway.rawRequests()).isEmpty();
    }

    @Test
    void non_positive_timeout_is_refused() {
        assertThatThrownBy(() -> gateway.model().timeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout must be positive");
    }

    @Test
    void negative_max_retries_is_refused() {
        assertThatThrownBy(() -> gateway.model().maxRetries(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRetries");
    }

    @Test
    void max_retries_overrides_the_policy_and_defaults_to_two() {
        assertThat(gateway.model().build().retryPolicy().maxRetries()).isEqualTo(2);
        assertThat(gateway.model().maxRetries(5).build().retryPolicy().maxRetries())
                .isEqualTo(5);
        assertThat(gateway.model()
                        .retryPolicy(RetryPolicy.none())
                        .build()
                        .retryPolicy()
                        .maxRetries())
                .isZero();
    }

    @Test
    void plain_http_to_a_remote_host_warns_once() {
        try (LogCapture logs = new LogCapture(AisaChatModel.class.getName())) {
            gateway.model().baseUrl("http://gateway.example.com/v1").build();

            assertThat(logs.messages())
                    .filteredOn(line -> line.contains("plain HTTP"))
                    .hasSize(1)
                    .allMatch(line -> line.startsWith("WARN"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://gateway.example.com/v1", "http://localhost:1/v1", "http://127.0.0.1:1/v1"})
    void https_and_loopback_do_not_warn(String baseUrl) {
        try (LogCapture logs = new LogCapture(AisaChatModel.class.getName())) {
            gateway.model().baseUrl(baseUrl).build();

            assertThat(logs.messages()).noneMatch(line -> line.contains("plain HTTP"));
        }
    }

    @Test
    void json_schema_capability_follows_the_model_family_unless_set() {
        assertThat(gateway.model().modelName("gpt-4o-mini").build().supportedCapabilities())
                .containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        assertThat(gateway.model().modelName("gemini-2.5-flash").build().supportedCapabilities())
                .containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        assertThat(gateway.model().modelName("claude-sonnet-4-5").build().supportedCapabilities())
                .isEmpty();
        assertThat(gateway.model().modelName("deepseek-chat").build().supportedCapabilities())
                .isEmpty();
        assertThat(gateway.model()
                        .modelName("deepseek-chat")
                        .responseFormat("json_schema")
                        .build()
                        .supportedCapabilities())
                .containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        assertThat(gateway.model()
                        .modelName("gpt-4o")
                        .supportedCapabilities(java.util.Set.of())
                        .build()
                        .supportedCapabilities())
                .isEmpty();
    }

    @Test
    void provider_is_other_and_defaults_carry_the_builder_values() {
        AisaChatModel model =
                gateway.model().temperature(0.3).maxTokens(99).seed(7).build();

        assertThat(model.provider()).isEqualTo(ModelProvider.OTHER);
        assertThat(model.defaultRequestParameters().temperature()).isEqualTo(0.3);
        assertThat(model.defaultRequestParameters().maxOutputTokens()).isEqualTo(99);
        assertThat(model.defaultRequestParameters().seed()).isEqualTo(7);
    }

    @Test
    void listeners_see_the_request_the_aisa_metadata_and_typed_errors() {
        List<Object> seen = new ArrayList<>();
        ChatModelListener listener = new ChatModelListener() {
            @Override
            public void onRequest(ChatModelRequestContext context) {
                seen.add("request:" + context.chatRequest().parameters().modelName());
            }

            @Override
            public void onResponse(ChatModelResponseContext context) {
                seen.add(context.chatResponse().metadata());
            }

            @Override
            public void onError(ChatModelErrorContext context) {
                seen.add(context.error());
            }
        };
        AisaChatModel model = gateway.model().listeners(listener).maxRetries(0).build();

        gateway.respondJson(GatewayStub.completion("hi"));
        model.chat("hello");
        gateway.respondError(402, "{\"error\":{\"code\":\"insufficient_credits\",\"message\":\"no money\"}}");
        assertThatThrownBy(() -> model.chat("hello")).isInstanceOf(InsufficientCreditsException.class);

        assertThat(seen).hasSize(4);
        assertThat(seen.get(0)).isEqualTo("request:gpt-4o-mini");
        assertThat(seen.get(1)).isInstanceOf(AisaChatResponseMetadata.class);
        assertThat(seen.get(3)).isInstanceOf(InsufficientCreditsException.class);
    }
}
