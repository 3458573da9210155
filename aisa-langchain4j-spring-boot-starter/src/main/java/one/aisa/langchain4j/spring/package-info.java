/**
 * Spring Boot auto-configuration for the AIsa models (issue #7): empty until it lands; nothing here yet.
 */
package one.aisa.langchain4j.spring;
