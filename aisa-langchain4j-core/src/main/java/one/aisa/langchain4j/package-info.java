/**
 * What a user types: the AIsa chat models, their metadata and retry policy. The exceptions they throw are in
 * {@code exception}; mapping and transport details live in {@code internal}; nothing here depends on Spring.
 */
package one.aisa.langchain4j;
