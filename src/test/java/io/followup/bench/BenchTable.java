package io.followup.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one table a benchmark run prints: each figure beside the limit measured in the same run, and its goal. */
final class BenchTable {

    /**
     * One figure.
     *
     * @param figure   what was measured, with the database and the size
     * @param followup followup's value, with its unit
     * @param limit    the machine's limit measured in the same run (or "-")
     * @param ratio    followup against the limit (or "-")
     * @param goal     the goal of the issue
     * @param met      whether the goal is met
     */
    record Row(String figure, String followup, String limit, String ratio, String goal, boolean met) {
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(Row row) {
        rows.add(row);
        System.out.println("[bench] " + row.figure() + ": " + row.followup() + " (limit " + row.limit() + ", ratio "
                + row.ratio() + ", goal " + row.goal() + (row.met() ? ", met" : ", NOT met") + ")");
    }

    synchronized String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| figure | followup | limit (same run) | ratio | goal | met |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.figure()).append(" | ").append(row.followup()).append(" | ")
                    .append(row.limit()).append(" | ").append(row.ratio()).append(" | ").append(row.goal())
                    .append(" | ").append(row.met() ? "yes" : "**no**").append(" |\n");
        }
        return out.toString();
    }

    static String rate(double perSecond, String unit) {
        return String.format(Locale.ROOT, "%,.0f %s/s", perSecond, unit);
    }

    static String millis(double millis) {
        return millis < 10 ? String.format(Locale.ROOT, "%.3f ms", millis)
                : String.format(Locale.ROOT, "%,.0f ms", millis);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value * 100);
    }
}
