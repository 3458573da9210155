/**
 * What a user types: the AIsa chat models, their metadata, retry policy and typed exceptions. Mapping and
 * transport details live in {@code internal}; nothing here depends on Spring.
 */
package one.aisa.langchain4j;
