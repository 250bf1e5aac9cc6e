package io.newsloom.bench;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToLongFunction;

/** The PNG next to the report: throughput per stage (top) and lag per stage (bottom) over the run. */
final class Charts {

    /**
     * Rates are taken over this many samples (seconds): the parser's count is its committed offsets, which move in
     * steps of the connector's commit interval, and a one-second hiccup of the sampler should not show as a spike.
     */
    private static final int RATE_WINDOW = 5;

    private Charts() {
    }

    static void write(List<Sample> samples, Path png) throws IOException {
        XYSeriesCollection rates = new XYSeriesCollection();
        rates.addSeries(rate("fetched pages/s", samples, Sample::fetched));
        rates.addSeries(rate("parsed pages/s", samples, Sample::parsed));
        rates.addSeries(rate("stored articles/s", samples, Sample::stored));
        rates.addSeries(rate("visible in API/s", samples, Sample::visible));
        XYSeriesCollection lags = new XYSeriesCollection();
        lags.addSeries(level("frontier backlog (URLs)", samples, Sample::frontier));
        lags.addSeries(level("fetcher lag (crawl-requests)", samples, Sample::fetchLag));
        lags.addSeries(level("parser lag (pages)", samples, Sample::parseLag));
        lags.addSeries(level("store lag (articles)", samples, Sample::storeLag));

        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("seconds since start"));
        plot.add(plot(rates, "per second"), 1);
        plot.add(plot(lags, "records / URLs waiting"), 1);
        String phase = null;
        double from = 0;
        for (Sample s : samples) {
            if (!s.phase().equals(phase)) {
                if (phase != null) {
                    mark(plot, phase, from, s.t());
                }
                phase = s.phase();
                from = s.t();
            }
        }
        if (phase != null) {
            mark(plot, phase, from, samples.get(samples.size() - 1).t());
        }
        JFreeChart chart = new JFreeChart("Newsloom pipeline benchmark", plot);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1200, 800);
    }

    private static XYPlot plot(XYSeriesCollection data, String label) {
        XYPlot p = new XYPlot(data, null, new NumberAxis(label), new XYLineAndShapeRenderer(true, false));
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(Color.LIGHT_GRAY);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return p;
    }

    private static void mark(CombinedDomainXYPlot plot, String phase, double from, double to) {
        if (phase.equals(PipelineBench.THROUGHPUT)) {
            IntervalMarker m = new IntervalMarker(from, to, new Color(230, 240, 255));
            m.setLabel(phase);
            ((List<?>) plot.getSubplots()).forEach(p -> ((XYPlot) p).addDomainMarker(m,
                    org.jfree.chart.ui.Layer.BACKGROUND));
        }
    }

    private static XYSeries rate(String name, List<Sample> samples, ToLongFunction<Sample> count) {
        XYSeries s = new XYSeries(name);
        for (int i = RATE_WINDOW; i < samples.size(); i++) {
            Sample a = samples.get(i - RATE_WINDOW);
            Sample b = samples.get(i);
            s.add(b.t(), (count.applyAsLong(b) - count.applyAsLong(a)) / (b.t() - a.t()));
        }
        return s;
    }

    private static XYSeries level(String name, List<Sample> samples, ToLongFunction<Sample> value) {
        XYSeries s = new XYSeries(name);
        samples.forEach(x -> s.add(x.t(), value.applyAsLong(x)));
        return s;
    }
}
