package one.aisa.langchain4j.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The JUnit 5 extension behind {@link AisaSimulatorTest}; usable alone with {@code @ExtendWith}. */
public final class AisaSimulatorExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(AisaSimulatorExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == AisaSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return simulator(extensionContext);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Holder holder = classStore(context).get(Holder.class, Holder.class);
        if (holder != null) {
            holder.simulator.reset();
        }
    }

    private static AisaSimulator simulator(ExtensionContext context) {
        return classStore(context)
                .getOrComputeIfAbsent(Holder.class, type -> new Holder(AisaSimulator.start()), Holder.class)
                .simulator;
    }

    private static ExtensionContext.Store classStore(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()
                && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE);
    }

    /** Stops the simulator when JUnit closes the class's store. */
    private record Holder(AisaSimulator simulator) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            simulator.close();
        }
    }
}
