package app.takeaways.slack;

import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Files sent to Slack the way Slack takes them now ({@code files.upload} is gone): for each file
 * {@code files.getUploadURLExternal} (its name and length), then its bytes POSTed to the URL Slack gave, streamed
 * from disk (the SDK's {@code filesUploadV2} reads a whole file into memory first); then one
 * {@code files.completeUploadExternal} shares them all in a conversation with a comment. Web API calls go through
 * {@link SlackGateway} (ok checked, 429 waited out).
 */
@Component
public class SlackUploads {

    /** A file to send: where it is, the name it is shown with, and its title. */
    public record Upload(Path file, String filename, String title) {
    }

    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** The bot's DM with a person ({@code conversations.open}; Slack's {@code im:write} scope). */
    public String openDm(SlackGateway.Team team, String userId) {
        return team.callWith("conversations.open", methods -> methods.conversationsOpen(r -> r
                .users(List.of(userId)))).getChannel().getId();
    }

    /** Uploads the files and shares them in {@code channelId}, with {@code initialComment} (mrkdwn). */
    public void send(SlackGateway.Team team, String channelId, List<Upload> uploads, String initialComment) {
        List<FilesCompleteUploadExternalRequest.FileDetails> files = new ArrayList<>();
        for (Upload upload : uploads) {
            int length = length(upload.file());
            FilesGetUploadURLExternalResponse target = team.callWith("files.getUploadURLExternal",
                    methods -> methods.filesGetUploadURLExternal(r -> r.filename(upload.filename()).length(length)));
            post(target.getUploadUrl(), upload.file());
            files.add(FilesCompleteUploadExternalRequest.FileDetails.builder().id(target.getFileId())
                    .title(upload.title()).build());
        }
        team.callWith("files.completeUploadExternal", methods -> methods.filesCompleteUploadExternal(r -> r
                .files(files).channelId(channelId).initialComment(initialComment)));
    }

    private static int length(Path file) {
        try {
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE) {
                throw new SlackApiCallException("files.getUploadURLExternal", "file_too_large", null);
            }
            return (int) size;
        } catch (IOException e) {
            throw new SlackApiCallException("files.getUploadURLExternal", "file_unreadable", e);
        }
    }

    /** The file's bytes to Slack's upload URL, read from disk as they are sent. */
    private void post(String uploadUrl, Path file) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(uploadUrl)).timeout(UPLOAD_TIMEOUT)
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new SlackApiCallException("file upload", "http_" + response.statusCode(), null);
            }
        } catch (IOException e) {
            throw new SlackApiCallException("file upload", "unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackApiCallException("file upload", "interrupted", e);
        }
    }
}
