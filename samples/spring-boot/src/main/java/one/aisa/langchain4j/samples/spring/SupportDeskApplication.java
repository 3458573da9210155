package one.aisa.langchain4j.samples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Asks the support assistant the questions given as arguments (or a sample question), prints the answers, the route
 * each call took and the cost, then exits.
 */
@SpringBootApplication
public class SupportDeskApplication {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(SupportDeskApplication.class, args)));
    }
}
