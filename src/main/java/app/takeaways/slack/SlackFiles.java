package app.takeaways.slack;

import app.takeaways.slack.blocks.ImportMessages;
import app.takeaways.slack.blocks.ImportMessages.Unreadable;
import com.slack.api.model.File;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a text file people shared with the bot: {@code files.info} for its name, type and size, then its
 * {@code url_private_download} with the bot token (scope {@code files:read}). At most
 * {@link ImportMessages#MAX_BYTES}, counted while reading (what {@code files.info} says is not taken on trust);
 * UTF-8 only, strictly; a NUL byte means binary. Blocking: after the ack only.
 */
@Component
public class SlackFiles {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REDIRECTS = 3;
    /** Known not to be text, whatever their content starts with; the rest is judged by its bytes. */
    private static final Set<String> BINARY_TYPES = Set.of("pdf", "docx", "doc", "xlsx", "pptx", "zip", "gzip",
            "png", "jpg", "jpeg", "gif", "heic", "mp4", "mov", "mp3", "m4a");

    private final SlackGateway gateway;
    private final TeamBots bots;
    private final String apiHost;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    SlackFiles(SlackGateway gateway, TeamBots bots, SlackProperties properties) {
        this.gateway = gateway;
        this.bots = bots;
        this.apiHost = URI.create(properties.apiUrl()).getHost();
    }

    /** A file's name and text. */
    public record TextFile(String name, String text) {
    }

    /** Why a file could not be read: said to the person as {@link ImportMessages#unreadable}. */
    public static final class UnreadableFileException extends RuntimeException {

        private final Unreadable why;
        private final String fileName;
        private final long size;
        private final String slackError;

        UnreadableFileException(Unreadable why, String fileName, long size, String slackError) {
            super(why + " " + (slackError == null ? "" : slackError));
            this.why = why;
            this.fileName = fileName;
            this.size = size;
            this.slackError = slackError;
        }

        public Unreadable why() {
            return why;
        }

        public String fileName() {
            return fileName;
        }

        /** The file's size in bytes when known, else 0. */
        public long size() {
            return size;
        }

        public String slackError() {
            return slackError;
        }
    }

    /**
     * @throws UnreadableFileException when Slack will not give the file, or it is no text the bot can import
     */
    public TextFile read(String teamId, String fileId) {
        File file;
        try {
            file = gateway.in(teamId).fileInfo(fileId);
        } catch (SlackApiCallException e) {
            throw switch (e.error()) {
                case "file_not_found", "file_deleted" -> new UnreadableFileException(Unreadable.GONE, null, 0, e.error());
                case "missing_scope", "no_permission", "not_allowed_token_type" ->
                        new UnreadableFileException(Unreadable.NO_PERMISSION, null, 0, e.error());
                default -> new UnreadableFileException(Unreadable.SLACK_ERROR, null, 0, e.error());
            };
        }
        String name = file.getName() != null ? file.getName() : file.getTitle() != null ? file.getTitle() : fileId;
        long size = file.getSize() == null ? 0 : file.getSize();
        if (size > ImportMessages.MAX_BYTES) {
            throw new UnreadableFileException(Unreadable.TOO_BIG, name, size, null);
        }
        String type = file.getFiletype() == null ? "" : file.getFiletype().toLowerCase(Locale.ROOT);
        String mime = file.getMimetype() == null ? "" : file.getMimetype().toLowerCase(Locale.ROOT);
        if (BINARY_TYPES.contains(type) || mime.startsWith("image/") || mime.startsWith("audio/")
                || mime.startsWith("video/") || mime.equals("application/pdf") || mime.equals("application/zip")) {
            throw new UnreadableFileException(Unreadable.NOT_TEXT, name, size, null);
        }
        if (file.getUrlPrivateDownload() == null) {
            throw new UnreadableFileException(Unreadable.NOT_TEXT, name, size, null);
        }
        String botToken = bots.bot(teamId).map(TeamBot::token)
                .orElseThrow(() -> new UnreadableFileException(Unreadable.SLACK_ERROR, name, 0,
                        SlackGateway.NOT_INSTALLED));
        byte[] bytes = download(URI.create(file.getUrlPrivateDownload()), name, botToken);
        String text = text(bytes, name);
        if (text.replace("\uFEFF", "").isBlank()) {
            throw new UnreadableFileException(Unreadable.EMPTY, name, bytes.length, null);
        }
        return new TextFile(name, text);
    }

    private byte[] download(URI url, String name, String botToken) {
        try {
            for (int redirects = 0; ; redirects++) {
                HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET();
                if (trusted(url)) {
                    request.header("Authorization", "Bearer " + botToken);
                }
                HttpResponse<InputStream> response = http.send(request.build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                try (InputStream body = response.body()) {
                    if (status / 100 == 3 && redirects < MAX_REDIRECTS
                            && response.headers().firstValue("Location").isPresent()) {
                        url = url.resolve(response.headers().firstValue("Location").get());
                        continue;
                    }
                    if (status == 404 || status == 410) {
                        throw new UnreadableFileException(Unreadable.GONE, name, 0, "file_not_found");
                    }
                    if (status == 401 || status == 403) {
                        throw new UnreadableFileException(Unreadable.NO_PERMISSION, name, 0, "http_" + status);
                    }
                    if (status != 200) {
                        throw new UnreadableFileException(Unreadable.SLACK_ERROR, name, 0, "http_" + status);
                    }
                    return capped(body, name);
                }
            }
        } catch (IOException e) {
            throw new UnreadableFileException(Unreadable.SLACK_ERROR, name, 0, "unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreadableFileException(Unreadable.SLACK_ERROR, name, 0, "interrupted");
        }
    }

    /** The token goes only to Slack (or the Web API the app is pointed at), never to a host a redirect names. */
    private boolean trusted(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (host.equals(apiHost)) {
            return true;
        }
        return "https".equalsIgnoreCase(url.getScheme()) && (host.equals("slack.com") || host.endsWith(".slack.com"));
    }

    private static byte[] capped(InputStream body, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int read; (read = body.read(buffer)) >= 0; ) {
            if (out.size() + read > ImportMessages.MAX_BYTES) {
                throw new UnreadableFileException(Unreadable.TOO_BIG, name, 0, null);
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    /** UTF-8, strictly: anything else, or a NUL byte, is not a text file. */
    static String text(byte[] bytes, String name) {
        for (byte b : bytes) {
            if (b == 0) {
                throw new UnreadableFileException(Unreadable.NOT_TEXT, name, bytes.length, null);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException(Unreadable.NOT_TEXT, name, bytes.length, null);
        }
    }
}
