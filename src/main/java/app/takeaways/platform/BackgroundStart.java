package app.takeaways.platform;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Something slow to start (a database server, an HTTP client's classes) started on its own thread as soon as its
 * settings are known, while Spring is still reading its configuration; the bean that needs it waits for it with
 * {@link #await()}. Registered as a bean of its own, so closing the context stops it even when the start failed
 * before anything used it.
 */
public final class BackgroundStart<T> implements DisposableBean {

    private final CompletableFuture<T> started;
    private final Consumer<T> stop;

    private BackgroundStart(String name, Supplier<T> start, Consumer<T> stop) {
        this.stop = stop;
        this.started = CompletableFuture.supplyAsync(start, runnable -> {
            Thread thread = new Thread(runnable, name + "-start");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** Starts {@code start} now and registers it in the context as the bean {@code name}. */
    public static <T> BackgroundStart<T> register(ConfigurableApplicationContext context, String name,
                                                  Supplier<T> start, Consumer<T> stop) {
        BackgroundStart<T> background = new BackgroundStart<>(name, start, stop);
        DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
        beans.registerSingleton(name, background);
        beans.registerDisposableBean(name, background);
        return background;
    }

    /** What was started, once it is; rethrows what stopped it from starting. */
    public T await() {
        try {
            return started.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public void destroy() {
        T running = started.exceptionally(failure -> null).join();
        if (running != null) {
            stop.accept(running);
        }
    }
}
