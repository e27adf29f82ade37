package io.followup.digest;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Draws the digest's charts with XChart as PNG bytes (headless: run with {@code -Djava.awt.headless=true} where
 * there is no display): human replies per day of the week, and the reply rate per step. Drawn at twice the size
 * they are shown, so they stay sharp on a phone. Stateless and thread-safe.
 */
public final class DigestChart {

    /** The width and height, in CSS pixels, the HTML shows a chart at. */
    public static final int WIDTH = 320;
    public static final int HEIGHT = 170;
    private static final int SCALE = 2;
    private static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
    private static final Color ACCENT = new Color(0x2563eb);
    private static final Color TEXT = new Color(0x374151);

    /** Human replies per day, Monday first. */
    public byte[] repliesPerDay(List<Integer> perDay) {
        CategoryChart chart = chart("Replies per day", "");
        chart.addSeries("replies", DAYS, new ArrayList<Number>(perDay));
        chart.getStyler().setYAxisDecimalPattern("#");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax((double) Math.max(2, perDay.stream().mapToInt(Integer::intValue).max()
                .orElse(0)));
        return png(chart);
    }

    /** Reply rate in percent per step ({@code labels} such as "step 1"), 0 for a step with nothing sent. */
    public byte[] replyRatePerStep(List<String> labels, List<Integer> percents) {
        CategoryChart chart = chart("Reply rate per step", "");
        List<String> names = labels.isEmpty() ? List.of("no steps sent") : labels;
        List<Number> values = new ArrayList<>(percents.isEmpty() ? List.of(0) : percents);
        chart.addSeries("reply rate %", names, values);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setYAxisDecimalPattern("#'%'");
        return png(chart);
    }

    private static CategoryChart chart(String title, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH * SCALE).height(HEIGHT * SCALE).title(title)
                .yAxisTitle(yTitle).build();
        var styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setPlotGridLinesColor(new Color(0xe5e7eb));
        styler.setSeriesColors(new Color[] {ACCENT});
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13 * SCALE));
        styler.setChartTitleBoxVisible(false);
        styler.setChartFontColor(TEXT);
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11 * SCALE));
        styler.setAxisTickLabelsColor(TEXT);
        styler.setAxisTicksLineVisible(false);
        styler.setXAxisTitleVisible(false);
        styler.setYAxisTitleVisible(false);
        styler.setChartPadding(8 * SCALE);
        styler.setAvailableSpaceFill(0.6);
        styler.setLabelsVisible(true);
        styler.setLabelsFont(new Font(Font.SANS_SERIF, Font.BOLD, 11 * SCALE));
        styler.setLabelsFontColor(TEXT);
        styler.setLabelsPosition(0.9);
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        return chart;
    }

    private static byte[] png(CategoryChart chart) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(chart, bytes, BitmapEncoder.BitmapFormat.PNG);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new DigestException("cannot draw the chart \"" + chart.getTitle() + "\": " + e.getMessage(), e);
        }
    }
}
