package app.takeaways.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * Once a week, on a day at a local time in a time zone: "Monday 09:00 Europe/Berlin". The local time holds across
 * daylight-saving changes: a time that does not exist on the day the clocks go forward is taken as the same time
 * after the change (02:30 becomes 03:30), and one that happens twice when they go back is its first occurrence.
 */
public record WeeklySchedule(DayOfWeek day, LocalTime time, ZoneId zone) {

    /** The week a digest due at some time covers: the seven local days before it. */
    public record Period(Instant start, Instant end) {
    }

    public WeeklySchedule {
        time = time.withSecond(0).withNano(0);
    }

    /** The first due time strictly after {@code after}. */
    public Instant nextAfter(Instant after) {
        LocalDate date = after.atZone(zone).toLocalDate().with(TemporalAdjusters.nextOrSame(day));
        Instant candidate = at(date);
        return candidate.isAfter(after) ? candidate : at(date.plusWeeks(1));
    }

    /** The last due time at or before {@code moment}. */
    public Instant latestAtOrBefore(Instant moment) {
        LocalDate date = moment.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(day));
        Instant candidate = at(date);
        return candidate.isAfter(moment) ? at(date.minusWeeks(1)) : candidate;
    }

    /** The week a digest due at {@code due} covers: from the same local time seven days before, up to it. */
    public Period periodEndingAt(Instant due) {
        ZonedDateTime end = due.atZone(zone);
        return new Period(end.minusWeeks(1).toInstant(), due);
    }

    /** "Monday at 09:00 (Europe/Berlin)". */
    public String describe() {
        return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " at " + time + " (" + zone.getId() + ")";
    }

    private Instant at(LocalDate date) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }
}
