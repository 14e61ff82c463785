// The dashboard's chart, loaded on demand so that form and look-up pages never fetch it:
// ECharts with only the chart types and components used, drawn as SVG. The chart repeats
// the table's figures; the table is its text alternative, so the chart is hidden from
// assistive technology, and patterns (decals) and labels carry meaning besides colour.
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import type { DashboardColumn, DashboardRow } from "./publicApi";
import type { Lang } from "./messages";

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, AriaComponent, SVGRenderer]);

// Distinguishable for common colour-vision deficiencies (Okabe–Ito), dark enough on white.
const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000", "#F0E442"];

export interface ChartInput {
  chart: "bar" | "line" | "pie";
  columns: DashboardColumn[];
  rows: DashboardRow[];
  lang: Lang;
  primary: string;
  text: string;
}

/** The chart of the first measure by the first group (series by the second group, if any). */
export function chartOption(input: ChartInput): echarts.EChartsCoreOption {
  const groups = input.columns.filter((c) => c.kind === "group").length;
  const label = (l: { ja: string; en: string } | undefined) => (l ? l[input.lang] || l.ja : "");
  const shown = input.rows.filter((r) => !r.suppressed && r.values[0] !== null);
  const categories = [...new Set(shown.map((r) => label(r.keys[0])))];
  const common = {
    animation: false,
    color: groups > 1 || input.chart === "pie" ? PALETTE : [input.primary],
    aria: { enabled: true, decal: { show: true } },
    textStyle: { color: input.text, fontFamily: "inherit", fontSize: 14 },
  };
  if (input.chart === "pie") {
    return {
      ...common,
      series: [{
        type: "pie",
        radius: ["0%", "65%"],
        label: { show: true, formatter: "{b}: {c}", color: input.text, fontSize: 14 },
        data: shown.map((r) => ({ name: r.keys.map(label).join(" / "), value: r.values[0] })),
      }],
    };
  }
  const seriesNames = groups > 1 ? [...new Set(shown.map((r) => label(r.keys[1])))] : [""];
  const series = seriesNames.map((name) => ({
    type: input.chart,
    name,
    label: { show: seriesNames.length === 1 && categories.length <= 24, position: "top", color: input.text },
    data: categories.map((c) => {
      const row = shown.find((r) => label(r.keys[0]) === c && (groups < 2 || label(r.keys[1]) === name));
      return row ? row.values[0] : null;
    }),
  }));
  return {
    ...common,
    legend: groups > 1 ? { show: true, top: 0, textStyle: { color: input.text, fontSize: 14 } } : { show: false },
    grid: { left: 8, right: 16, top: groups > 1 ? 48 : 24, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: categories, axisLabel: { color: input.text, fontSize: 13, hideOverlap: true } },
    yAxis: { type: "value", axisLabel: { color: input.text, fontSize: 13 } },
    series,
  };
}

/** Draws into `element`; returns a function that disposes of the chart. */
export function drawChart(element: HTMLElement, input: ChartInput): () => void {
  const chart = echarts.init(element, undefined, { renderer: "svg" });
  chart.setOption(chartOption(input));
  // The box follows the page (phone rotation, zoom, a wider font): redraw at its new width.
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(element);
  return () => {
    observer.disconnect();
    chart.dispose();
  };
}
