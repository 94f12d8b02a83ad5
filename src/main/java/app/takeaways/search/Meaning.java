package app.takeaways.search;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a text means, as a small sentence-embedding model reads it: all-MiniLM-L6-v2 (quantized, 384 dimensions),
 * shipped inside the jar and run in the JVM: no network, no key. Loaded once per JVM, in the background from start
 * (about half a second); until it is, search ranks by words alone and nothing is embedded.
 * <p>
 * Vectors are normalised and kept as one signed byte per dimension ({@link #quantised}): 384 bytes a takeaway, and
 * the cosine of two is their dot product over the product of their lengths, close to the float one's.
 */
@Component
public class Meaning {

    private static final Logger log = LoggerFactory.getLogger(Meaning.class);

    public static final int DIMENSIONS = 384;

    /** Texts are embedded from at most this many characters: the model reads 256 word pieces at most anyway. */
    static final int MAX_TEXT = 2_000;

    private static final CompletableFuture<AllMiniLmL6V2QuantizedEmbeddingModel> MODEL = new CompletableFuture<>();

    private static final AtomicBoolean LOADING = new AtomicBoolean();

    /** Queries' meanings, worked out beside the search's statements; a few wait at most. */
    private static final ThreadPoolExecutor QUERIES = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(32), runnable -> {
                Thread thread = new Thread(runnable, "meaning-of-query");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.AbortPolicy());

    private final boolean enabled;

    Meaning(@Value("${takeaways.search.meaning:true}") boolean enabled) {
        this.enabled = enabled;
        if (enabled) {
            load();
        }
    }

    /** Starts loading the model, once per JVM. */
    private static void load() {
        if (!LOADING.compareAndSet(false, true)) {
            return;
        }
        Thread loader = new Thread(() -> {
            try {
                AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
                model.embed("warm up");
                MODEL.complete(model);
            } catch (RuntimeException | LinkageError e) {
                log.warn("The sentence-embedding model could not be loaded; search ranks by words alone: {}",
                        e.toString());
                MODEL.completeExceptionally(e);
            }
        }, "meaning-model-load");
        loader.setDaemon(true);
        loader.start();
    }

    /** Whether texts can be embedded now (the model is loaded, and meaning is not turned off). */
    public boolean isReady() {
        return enabled && MODEL.isDone() && !MODEL.isCompletedExceptionally();
    }

    /** Waits for the model (tests, benchmarks); false if it is turned off or could not load. */
    public boolean awaitReady() {
        if (!enabled) {
            return false;
        }
        try {
            MODEL.join();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The text's meaning, normalised; empty when the model is not ready or the text says nothing. */
    public Optional<float[]> of(String text) {
        if (!isReady() || text == null || text.isBlank()) {
            return Optional.empty();
        }
        String cut = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        float[] vector = MODEL.join().embed(cut).content().vector();
        return Optional.of(normalised(vector));
    }

    /**
     * The text's meaning, worked out on a thread of its own while the caller goes on (a search reads the database
     * meanwhile: on two cores, the two overlap). Empty when the model is not ready, or too many are waiting.
     */
    public CompletableFuture<Optional<float[]>> ofSoon(String text) {
        if (!isReady()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        try {
            return CompletableFuture.supplyAsync(() -> of(text), QUERIES);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
    }

    static float[] normalised(float[] vector) {
        double length = 0;
        for (float v : vector) {
            length += v * v;
        }
        float[] normal = new float[vector.length];
        if (length == 0) {
            return normal;
        }
        float scale = (float) (1 / Math.sqrt(length));
        for (int i = 0; i < vector.length; i++) {
            normal[i] = vector[i] * scale;
        }
        return normal;
    }

    /**
     * A normalised vector as one signed byte per dimension, scaled so its largest component is ±127: what is
     * stored. Its cosine with another is kept to within about a hundredth.
     */
    public static byte[] quantised(float[] vector) {
        float largest = 0;
        for (float v : vector) {
            largest = Math.max(largest, Math.abs(v));
        }
        byte[] bytes = new byte[vector.length];
        if (largest == 0) {
            return bytes;
        }
        float scale = 127 / largest;
        for (int i = 0; i < vector.length; i++) {
            bytes[i] = (byte) Math.round(vector[i] * scale);
        }
        return bytes;
    }

    /** A query's vector as the stored ones are kept, with its length, to compare with many of them quickly. */
    public record Probe(byte[] vector, double length) {

        public static Probe of(float[] vector) {
            byte[] bytes = quantised(vector);
            return new Probe(bytes, Math.sqrt(dot(bytes, bytes)));
        }

        /** The cosine of the probe and a stored vector; 0 for one of another shape or all zeros. */
        public double cosine(byte[] stored) {
            if (stored == null || stored.length != vector.length || length == 0) {
                return 0;
            }
            double storedLength = Math.sqrt(dot(stored, stored));
            return storedLength == 0 ? 0 : dot(vector, stored) / (length * storedLength);
        }
    }

    static long dot(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
