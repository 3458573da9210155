package one.aisa.langchain4j;

import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.net.URI;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import one.aisa.langchain4j.exception.AisaErrorDetails;
import one.aisa.langchain4j.exception.AisaInvalidRequestException;

/**
 * Images given by an http(s) URL, read once per call with the model's timeout and sent inline. Gemini's
 * {@code fileData} takes only its own file URIs, so an image URL must travel as bytes; left to
 * {@code langchain4j-google-ai-gemini}, it is read with no timeout at all (a stalled host holds the call for ever)
 * and again on every retry.
 */
final class GeminiImages {

    /** Gemini's limit for a whole inline request; one image past it could never be sent. */
    static final int MAX_BYTES = 20 * 1024 * 1024;

    /** Built on the first image read (a JDK client starts a selector thread), not when a Gemini call has none. */
    private static final class Client {
        static final HttpClient INSTANCE = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    private GeminiImages() {}

    /** The request with every http(s) image read and inlined; the same request when it has none. */
    static ChatRequest inlined(ChatRequest request, Duration timeout) {
        if (request.messages().stream().noneMatch(GeminiImages::hasImageUrl)) {
            return request;
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            messages.add(hasImageUrl(message) ? inlined((UserMessage) message, timeout) : message);
        }
        return request.toBuilder().messages(messages).build();
    }

    private static boolean hasImageUrl(ChatMessage message) {
        return message instanceof UserMessage user
                && user.contents().stream().anyMatch(content -> webUrl(content) != null);
    }

    private static UserMessage inlined(UserMessage message, Duration timeout) {
        List<Content> contents = new ArrayList<>();
        for (Content content : message.contents()) {
            URI url = webUrl(content);
            if (url == null) {
                contents.add(content);
                continue;
            }
            ImageContent image = (ImageContent) content;
            HttpResponse<byte[]> response = read(url, timeout);
            Image inline = Image.builder()
                    .base64Data(Base64.getEncoder().encodeToString(response.body()))
                    .mimeType(mimeType(response, image.image(), url))
                    .build();
            contents.add(ImageContent.from(inline, image.detailLevel()));
        }
        return message.toBuilder().contents(contents).build();
    }

    private static URI webUrl(Content content) {
        if (content instanceof ImageContent image && image.image().url() != null) {
            String scheme = image.image().url().getScheme();
            if ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) {
                return image.image().url();
            }
        }
        return null;
    }

    private static HttpResponse<byte[]> read(URI url, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        CompletableFuture<HttpResponse<byte[]>> pending =
                Client.INSTANCE.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // the whole read, body included, within the timeout (the request's own timeout stops at the headers)
            response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw unreadable(url, timedOut(timeout), e);
        } catch (ExecutionException e) {
            // the request's own timeout (to the headers) may fire first: the same story
            throw unreadable(
                    url,
                    e.getCause() instanceof java.net.http.HttpTimeoutException
                            ? timedOut(timeout)
                            : e.getCause().getClass().getSimpleName() + ": "
                                    + e.getCause().getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            throw unreadable(url, "interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw unreadable(url, "HTTP " + response.statusCode(), null);
        }
        if (response.body().length > MAX_BYTES) {
            throw unreadable(url, response.body().length + " bytes, over Gemini's 20 MB for an inline request", null);
        }
        return response;
    }

    private static String timedOut(Duration timeout) {
        return "no answer within the timeout of " + timeout.toMillis() + " ms";
    }

    /** The server's image type, else the one the caller gave, else the file name's. */
    private static String mimeType(HttpResponse<byte[]> response, Image image, URI url) {
        String header = response.headers()
                .firstValue("Content-Type")
                .map(type -> type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .orElse("");
        if (header.startsWith("image/")) {
            return header;
        }
        if (image.mimeType() != null) {
            return image.mimeType();
        }
        String guessed = URLConnection.guessContentTypeFromName(url.getPath());
        return guessed != null ? guessed : "image/jpeg";
    }

    private static AisaInvalidRequestException unreadable(URI url, String why, Throwable cause) {
        String message = "The image at " + url + " could not be read (" + why + "). Images given by URL are read by"
                + " the client and sent inline on Gemini's route: use a URL the client can reach, or give the image as"
                + " base64 data (ImageContent.from(base64, mimeType)).";
        return new AisaInvalidRequestException(
                message, new AisaErrorDetails(0, null, null, why, null, null, null), cause);
    }
}
