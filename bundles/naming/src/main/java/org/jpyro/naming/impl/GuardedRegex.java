package org.jpyro.naming.impl;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jpyro.api.NamingException;

/**
 * A client-supplied regular expression, matched like Python's {@code re.match} (anchored at the start only).
 * <p>
 * It is compiled with {@link java.util.regex}, whose dialect differs from Python's {@code re} in places: named
 * groups are {@code (?<n>...)} (Python {@code (?P<n>...)} is rejected), possessive quantifiers and atomic groups
 * exist in Java only (Python ≥ 3.11 has them too), {@code \Z} means "end or before a final line terminator" in
 * Java but "end" in Python ({@code \z} in Java), and character class set operations ({@code [a-z&&[^e]]}) are
 * Java only. Plain name patterns ({@code .}, {@code *}, classes, alternation, anchors) behave the same.
 * <p>
 * Guard against catastrophic backtracking: patterns longer than {@value #MAX_PATTERN_LENGTH} characters are
 * refused, and matching runs against a {@link CharSequence} view that aborts once a deadline has passed. (Java
 * memoises failed group-loop attempts, so the textbook {@code (a+)+b} is cheap here, but back references turn that
 * off: {@code ((a+)+)\1b} still takes exponential time without the deadline.)
 */
public final class GuardedRegex {
    /** Longest accepted pattern. */
    public static final int MAX_PATTERN_LENGTH = 1000;

    private final Pattern pattern;
    private final long budgetNanos;

    private GuardedRegex(Pattern pattern, long budgetNanos) {
        this.pattern = pattern;
        this.budgetNanos = budgetNanos;
    }

    /**
     * Compiles a pattern.
     *
     * @param budgetMillis the time all matches of one request may take together
     * @throws NamingException "invalid regex: ..." as Pyro says for a bad or too long pattern
     */
    public static GuardedRegex compile(String regex, long budgetMillis) {
        if (regex.length() > MAX_PATTERN_LENGTH) {
            throw new NamingException("invalid regex: pattern longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        try {
            return new GuardedRegex(Pattern.compile(regex), budgetMillis * 1_000_000L);
        } catch (PatternSyntaxException e) {
            throw new NamingException("invalid regex: " + e.getDescription() + " at position " + e.getIndex());
        }
    }

    /** A matcher for one request: all its {@link Session#matches} calls share the time budget. */
    public Session session() {
        return new Session(System.nanoTime() + budgetNanos);
    }

    /** Matching within one deadline. */
    public final class Session {
        private final long deadline;

        Session(long deadline) {
            this.deadline = deadline;
        }

        /**
         * Whether the text matches at its start.
         *
         * @throws NamingException when the deadline passed
         */
        public boolean matches(String text) {
            Matcher m = pattern.matcher(new Deadlined(text, deadline));
            try {
                return m.lookingAt();
            } catch (DeadlineExceeded e) {
                throw new NamingException("regex took too long: " + pattern.pattern());
            }
        }
    }

    private static final class DeadlineExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeadlineExceeded() {
            super(null, null, false, false);
        }
    }

    /** A string view whose {@code charAt} checks the clock every 4096 calls. */
    private static final class Deadlined implements CharSequence {
        private final CharSequence text;
        private final long deadline;
        private int ticks;

        Deadlined(CharSequence text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++ticks & 0xFFF) == 0 && System.nanoTime() - deadline > 0) {
                throw new DeadlineExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Deadlined(text.subSequence(start, end), deadline);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
