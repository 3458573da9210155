package one.aisa.langchain4j.internal;

import dev.langchain4j.Internal;
import dev.langchain4j.http.client.SuccessfulHttpResponse;

/**
 * A successful response whose body we already parsed and checked, carrying what we read from it, so the model
 * does not parse the body a second time to find the cost.
 */
@Internal
public final class InspectedHttpResponse extends SuccessfulHttpResponse {

    private final UsageExtras extras;

    InspectedHttpResponse(SuccessfulHttpResponse.Builder builder, UsageExtras extras) {
        super(builder);
        this.extras = extras;
    }

    public UsageExtras extras() {
        return extras;
    }
}
