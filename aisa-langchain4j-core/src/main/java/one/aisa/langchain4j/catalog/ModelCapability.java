package one.aisa.langchain4j.catalog;

/** What a model can do, as far as routing needs to know. */
public enum ModelCapability {
    /** Accepts images in user messages. */
    VISION,
    /** Calls tools (function calling). */
    TOOLS,
    /** Honours {@code response_format: json_schema}. */
    JSON_SCHEMA,
    /** Thinks before answering (reasoning tokens, {@code reasoning_content}). */
    REASONING
}
