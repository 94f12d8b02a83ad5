package app.takeaways.digest;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code /takeaway digest on [weekday] [HH:MM] [timezone]} asks for, in any order: each part is optional
 * (Monday, 09:00 and the person's own time zone by default). What cannot be read is said in a sentence.
 *
 * @param zone empty when none was given: the subscriber's own time zone applies
 */
public record ScheduleRequest(DayOfWeek day, LocalTime time, Optional<ZoneId> zone) {

    public static final DayOfWeek DEFAULT_DAY = DayOfWeek.MONDAY;
    public static final LocalTime DEFAULT_TIME = LocalTime.of(9, 0);

    /** The request, or why it cannot be read. */
    public record Parsed(Optional<ScheduleRequest> request, Optional<String> problem) {
    }

    private static final Map<String, DayOfWeek> DAYS = Map.ofEntries(
            Map.entry("mon", DayOfWeek.MONDAY), Map.entry("tue", DayOfWeek.TUESDAY), Map.entry("tues", DayOfWeek.TUESDAY),
            Map.entry("wed", DayOfWeek.WEDNESDAY), Map.entry("thu", DayOfWeek.THURSDAY),
            Map.entry("thur", DayOfWeek.THURSDAY), Map.entry("thurs", DayOfWeek.THURSDAY),
            Map.entry("fri", DayOfWeek.FRIDAY), Map.entry("sat", DayOfWeek.SATURDAY), Map.entry("sun", DayOfWeek.SUNDAY));

    // 9, 09:30, 9.30, 9am, 9:30 pm, 17h
    private static final Pattern TIME = Pattern.compile("(?i)(\\d{1,2})(?:[:.h](\\d{2}))?\\s*(am|pm|h)?");

    public WeeklySchedule in(ZoneId fallback) {
        return new WeeklySchedule(day, time, zone.orElse(fallback));
    }

    public static Parsed parse(String arguments) {
        DayOfWeek day = null;
        LocalTime time = null;
        ZoneId zone = null;
        String text = arguments == null ? "" : arguments.strip().replaceAll("(?i)(\\d)\\s+(am|pm)\\b", "$1$2");
        for (String token : text.isEmpty() ? new String[0] : text.split("\\s+")) {
            String word = token.toLowerCase(Locale.ROOT).replaceAll("[,;]$", "");
            if (word.isEmpty() || word.equals("at") || word.equals("on") || word.equals("every")) {
                continue;
            }
            Optional<DayOfWeek> asDay = day(word);
            if (asDay.isPresent()) {
                if (day != null) {
                    return problem("Give one day of the week, not two (`" + token + "`).");
                }
                day = asDay.get();
                continue;
            }
            if (Character.isDigit(word.charAt(0))) {
                Optional<LocalTime> asTime = time(word);
                if (asTime.isEmpty()) {
                    return problem("`" + shown(token) + "` is not a time of day: use a 24-hour HH:MM, e.g. `09:00`"
                            + " or `16:30`.");
                }
                time = asTime.get();
                continue;
            }
            if (word.contains("/") || word.equals("utc") || word.equals("gmt") || word.startsWith("utc+")
                    || word.startsWith("utc-") || word.startsWith("gmt+") || word.startsWith("gmt-")) {
                Optional<ZoneId> asZone = zone(token);
                if (asZone.isEmpty()) {
                    return problem("`" + shown(token) + "` is not a time zone I know: use a name from the IANA"
                            + " list, e.g. `Europe/Berlin`, `America/New_York` or `UTC`.");
                }
                zone = asZone.get();
                continue;
            }
            return problem("`" + shown(token) + "` is not a day of the week: use `monday` … `sunday` (or `mon` …"
                    + " `sun`).");
        }
        return new Parsed(Optional.of(new ScheduleRequest(day == null ? DEFAULT_DAY : day,
                time == null ? DEFAULT_TIME : time, Optional.ofNullable(zone))), Optional.empty());
    }

    private static Optional<DayOfWeek> day(String word) {
        String name = word.endsWith("s") && word.length() > 6 ? word.substring(0, word.length() - 1) : word;
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(day);
            }
        }
        return Optional.ofNullable(DAYS.get(name));
    }

    private static Optional<LocalTime> time(String word) {
        Matcher time = TIME.matcher(word);
        if (!time.matches()) {
            return Optional.empty();
        }
        int hour = Integer.parseInt(time.group(1));
        int minute = time.group(2) == null ? 0 : Integer.parseInt(time.group(2));
        String half = time.group(3) == null ? "" : time.group(3).toLowerCase(Locale.ROOT);
        if (half.equals("am") || half.equals("pm")) {
            if (hour < 1 || hour > 12) {
                return Optional.empty();
            }
            hour = hour % 12 + (half.equals("pm") ? 12 : 0);
        }
        if (hour > 23 || minute > 59) {
            return Optional.empty();
        }
        return Optional.of(LocalTime.of(hour, minute));
    }

    private static Optional<ZoneId> zone(String token) {
        for (String id : java.time.ZoneId.getAvailableZoneIds()) {
            if (id.equalsIgnoreCase(token)) {
                return Optional.of(ZoneId.of(id));
            }
        }
        try {
            return Optional.of(ZoneId.of(token.toUpperCase(Locale.ROOT)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Parsed problem(String sentence) {
        return new Parsed(Optional.empty(), Optional.of(sentence));
    }

    private static String shown(String token) {
        String clean = token.replace("`", "'");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
