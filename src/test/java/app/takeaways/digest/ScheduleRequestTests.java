package app.takeaways.digest;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleRequestTests {

    @Test
    void everythingIsOptionalAndInAnyOrder() {
        assertThat(request("")).isEqualTo(new ScheduleRequest(DayOfWeek.MONDAY, LocalTime.of(9, 0),
                java.util.Optional.empty()));
        assertThat(request("friday 16:30 Europe/Berlin")).isEqualTo(new ScheduleRequest(DayOfWeek.FRIDAY,
                LocalTime.of(16, 30), java.util.Optional.of(ZoneId.of("Europe/Berlin"))));
        assertThat(request("america/new_york at 8am on Tue")).isEqualTo(new ScheduleRequest(DayOfWeek.TUESDAY,
                LocalTime.of(8, 0), java.util.Optional.of(ZoneId.of("America/New_York"))));
        assertThat(request("Thursdays 4:15 pm UTC")).isEqualTo(new ScheduleRequest(DayOfWeek.THURSDAY,
                LocalTime.of(16, 15), java.util.Optional.of(ZoneId.of("UTC"))));
        assertThat(request("sun 7")).isEqualTo(new ScheduleRequest(DayOfWeek.SUNDAY, LocalTime.of(7, 0),
                java.util.Optional.empty()));
        assertThat(request("12am").time()).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(request("12pm").time()).isEqualTo(LocalTime.NOON);
    }

    @Test
    void whatCannotBeReadIsSaidInASentence() {
        assertThat(problem("funday")).isEqualTo("`funday` is not a day of the week: use `monday` … `sunday`"
                + " (or `mon` … `sun`).");
        assertThat(problem("monday 25:00")).isEqualTo("`25:00` is not a time of day: use a 24-hour HH:MM, e.g."
                + " `09:00` or `16:30`.");
        assertThat(problem("9:75")).startsWith("`9:75` is not a time of day");
        assertThat(problem("13pm")).startsWith("`13pm` is not a time of day");
        assertThat(problem("Mars/Olympus")).isEqualTo("`Mars/Olympus` is not a time zone I know: use a name from the"
                + " IANA list, e.g. `Europe/Berlin`, `America/New_York` or `UTC`.");
        assertThat(problem("monday friday")).isEqualTo("Give one day of the week, not two (`friday`).");
    }

    private static ScheduleRequest request(String text) {
        ScheduleRequest.Parsed parsed = ScheduleRequest.parse(text);
        assertThat(parsed.problem()).isEmpty();
        return parsed.request().orElseThrow();
    }

    private static String problem(String text) {
        return ScheduleRequest.parse(text).problem().orElseThrow();
    }
}
