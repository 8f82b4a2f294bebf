package org.jpyro.api.serializer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;

/**
 * Java time values the way Python writes its own when a serializer has no native form: datetimes, dates
 * and times as their
 * {@code isoformat()} text (microsecond precision, {@code +HH:MM} offsets), durations as
 * {@code timedelta.total_seconds()}.
 */
public final class PythonTime {
    private PythonTime() {
    }

    /** The isoformat text of a supported date/time value, or {@code null} if it is none of them. */
    public static String isoformat(Object value) {
        if (value instanceof LocalDateTime) {
            LocalDateTime t = (LocalDateTime) value;
            return appendTime(new StringBuilder(26).append(t.toLocalDate()).append('T'), t.toLocalTime()).toString();
        }
        if (value instanceof LocalDate) {
            return value.toString();
        }
        if (value instanceof LocalTime) {
            return appendTime(new StringBuilder(15), (LocalTime) value).toString();
        }
        if (value instanceof OffsetDateTime) {
            return offsetDateTime((OffsetDateTime) value);
        }
        if (value instanceof ZonedDateTime) {
            return offsetDateTime(((ZonedDateTime) value).toOffsetDateTime());
        }
        if (value instanceof Instant) {
            return offsetDateTime(((Instant) value).atOffset(ZoneOffset.UTC));
        }
        if (value instanceof OffsetTime) {
            OffsetTime t = (OffsetTime) value;
            return appendOffset(appendTime(new StringBuilder(21), t.toLocalTime()), t.getOffset()).toString();
        }
        if (value instanceof Date) {
            return offsetDateTime(Instant.ofEpochMilli(((Date) value).getTime()).atOffset(ZoneOffset.UTC));
        }
        return null;
    }

    /** Python's {@code timedelta.total_seconds()}: whole microseconds divided by 10**6. */
    public static double totalSeconds(Duration d) {
        try {
            long micros = Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
            return micros / 1e6;
        } catch (ArithmeticException tooLong) {
            return d.getSeconds() + d.getNano() / 1e9;
        }
    }

    private static String offsetDateTime(OffsetDateTime t) {
        StringBuilder sb = new StringBuilder(32).append(t.toLocalDate()).append('T');
        return appendOffset(appendTime(sb, t.toLocalTime()), t.getOffset()).toString();
    }

    private static StringBuilder appendTime(StringBuilder sb, LocalTime t) {
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond());
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            String m = Integer.toString(micros);
            sb.append('.');
            for (int i = m.length(); i < 6; i++) {
                sb.append('0');
            }
            sb.append(m);
        }
        return sb;
    }

    private static StringBuilder appendOffset(StringBuilder sb, ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        sb.append(total < 0 ? '-' : '+');
        total = Math.abs(total);
        two(sb, total / 3600).append(':');
        two(sb, (total / 60) % 60);
        if (total % 60 != 0) {
            two(sb.append(':'), total % 60);
        }
        return sb;
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }
}
