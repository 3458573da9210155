/**
 * The offline AIsa simulator for users' tests (issue #4): empty until it lands; nothing here yet.
 */
package one.aisa.langchain4j.testkit;
