package one.aisa.langchain4j.internal;

import dev.langchain4j.exception.HttpException;
import java.util.List;
import java.util.Map;

/** An {@link HttpException} that keeps the response headers ({@code Retry-After}, {@code x-request-id}). */
class HttpStatusException extends HttpException {

    private final transient Map<String, List<String>> headers;

    public HttpStatusException(int statusCode, Map<String, List<String>> headers, String body) {
        super(statusCode, body);
        this.headers = headers == null ? Map.of() : headers;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }
}
