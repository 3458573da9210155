/**
 * The {@code aisa} command line: chat, vision, models, compare and a demo, against the real gateway or the
 * in-process simulator. Answers go to stdout, notices and one-line errors to stderr. A sample: it shows how to use
 * the library, nothing here is library API.
 */
package one.aisa.langchain4j.samples.cli;
