/**
 * Not API: HTTP transport, error mapping, response inspection and retries behind the AIsa models. May change
 * in any release; users should not import from here.
 */
package one.aisa.langchain4j.internal;
