package app.takeaways.digest;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Schedule maths on fixed instants: the local time holds through daylight-saving changes. */
class WeeklyScheduleTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final WeeklySchedule mondayNine = new WeeklySchedule(DayOfWeek.MONDAY, LocalTime.of(9, 0), BERLIN);

    @Test
    void nextIsTheComingWeekdayAtTheLocalTime() {
        // Wednesday 2026-11-25 12:00 UTC: next Monday is 2026-11-30, 09:00 CET = 08:00 UTC
        assertThat(mondayNine.nextAfter(Instant.parse("2026-11-25T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        // on the due time itself, the next is a week later
        assertThat(mondayNine.nextAfter(Instant.parse("2026-11-30T08:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
        // a minute before, it is today
        assertThat(mondayNine.nextAfter(Instant.parse("2026-11-30T07:59:00Z")))
                .isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
    }

    @Test
    void theLocalTimeHoldsAcrossDaylightSavingChanges() {
        // Berlin moves to CEST on Sunday 2026-03-29: Monday 09:00 is 08:00 UTC before, 07:00 UTC after
        assertThat(mondayNine.nextAfter(Instant.parse("2026-03-20T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-23T08:00:00Z"));
        assertThat(mondayNine.nextAfter(Instant.parse("2026-03-23T08:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
        // and back to CET on Sunday 2026-10-25
        assertThat(mondayNine.nextAfter(Instant.parse("2026-10-20T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
    }

    @Test
    void aTimeTheSpringForwardSkipsIsTakenAfterTheChange() {
        WeeklySchedule sundayHalfPastTwo = new WeeklySchedule(DayOfWeek.SUNDAY, LocalTime.of(2, 30), BERLIN);

        // 02:30 does not exist on 2026-03-29 in Berlin: 03:30 CEST = 01:30 UTC
        assertThat(sundayHalfPastTwo.nextAfter(Instant.parse("2026-03-28T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void aTimeTheFallBackRepeatsIsTakenOnceAtItsFirstOccurrence() {
        WeeklySchedule sundayHalfPastTwo = new WeeklySchedule(DayOfWeek.SUNDAY, LocalTime.of(2, 30), BERLIN);

        // 02:30 happens twice on 2026-10-25 in Berlin: the first is 02:30 CEST = 00:30 UTC
        Instant first = sundayHalfPastTwo.nextAfter(Instant.parse("2026-10-24T00:00:00Z"));
        assertThat(first).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        // the second 02:30 (01:30 UTC) is not another due time
        assertThat(sundayHalfPastTwo.nextAfter(first)).isEqualTo(Instant.parse("2026-11-01T01:30:00Z"));
    }

    @Test
    void theLatestDueTimeIsWhatARestartCatchesUpOn() {
        // back on Tuesday after an outage over Monday's due time
        assertThat(mondayNine.latestAtOrBefore(Instant.parse("2026-12-01T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(mondayNine.latestAtOrBefore(Instant.parse("2026-11-30T08:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(mondayNine.latestAtOrBefore(Instant.parse("2026-11-30T07:59:59Z")))
                .isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    }

    @Test
    void aDigestCoversTheSevenLocalDaysBeforeIt() {
        WeeklySchedule.Period period = mondayNine.periodEndingAt(Instant.parse("2026-03-30T07:00:00Z"));

        // a week with a daylight-saving change is 167 hours long
        assertThat(period.start()).isEqualTo(Instant.parse("2026-03-23T08:00:00Z"));
        assertThat(period.end()).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
    }

    @Test
    void describesItselfInWords() {
        assertThat(mondayNine.describe()).isEqualTo("Monday at 09:00 (Europe/Berlin)");
    }
}
