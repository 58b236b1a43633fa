// The live temperature chart (uPlot): actual temperatures as lines, targets dashed.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TemperaturePoint } from '../../api/types.js';
import { chartColumns, heaterColour, heaterLabel } from './heaters.js';

const WINDOW_SECONDS = 300;

/** The time range shown: the last five minutes at least, ending now while there is no sample yet. */
export function timeRange(min: number | null, max: number | null, nowSeconds: number): [number, number] {
  // Without samples uPlot reports no (or a zero) range: show the five minutes up to now, in real clock time.
  const end = max !== null && max > 1e9 ? max : nowSeconds;
  const start = min !== null && min > 1e9 ? Math.min(min, end - WINDOW_SECONDS) : end - WINDOW_SECONDS;
  return [start, end];
}

/** The time under the cursor for the legend, e.g. "14:05:32". */
function clockTime(seconds: number | null): string {
  return seconds === null || !Number.isFinite(seconds) ? '–' : new Date(seconds * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function makeOptions(heaters: readonly string[], width: number): uPlot.Options {
  const series: uPlot.Series[] = [{ label: 'Time', value: (_u, v) => clockTime(v) }];
  heaters.forEach((heater, index) => {
    const stroke = heaterColour(heater);
    // Lines that coincide (two heaters at room temperature, a heater at its target) stay visible: the actual lines
    // are wider for heaters listed earlier, so a later one drawn on top leaves the earlier one's edges showing, and
    // each dashed target line is drawn over a translucent actual line of its colour.
    const actualWidth = 2 + 2 * (heaters.length - 1 - index);
    series.push({ label: `${heaterLabel(heater)} actual`, stroke: `${stroke}b3`, width: actualWidth, points: { show: false }, value: (_u, v) => (v === null ? '–' : `${v.toFixed(1)} °C`) });
    series.push({ label: `${heaterLabel(heater)} target`, stroke, width: 1.5, dash: [6, 4], points: { show: false }, value: (_u, v) => (v === null ? '–' : `${v.toFixed(0)} °C`) });
  });
  return {
    width,
    height: 260,
    series,
    // At least the last five minutes, so the time axis reads in whole minutes from the start.
    scales: { x: { time: true, range: (_u, min, max) => timeRange(min, max, Date.now() / 1000) }, y: { range: (_u, min, max) => [Math.min(0, min ?? 0), Math.max(50, Math.ceil(((max ?? 0) + 10) / 10) * 10)] } },
    axes: [
      {
        stroke: '#8b949e',
        grid: { stroke: 'rgba(139,148,158,0.2)' },
        space: 70,
        incrs: [60, 120, 300, 600, 900, 1800, 3600],
        values: (_u, ticks) => ticks.map((t) => new Date(t * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })),
      }, { stroke: '#8b949e', grid: { stroke: 'rgba(139,148,158,0.2)' }, values: (_u, ticks) => ticks.map((t) => `${t}°`) }],
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    hooks: {
      // The time range drawn, on the element (seconds), for people's tools and the browser tests.
      setScale: [
        (u, key) => {
          if (key !== 'x') return;
          u.root.parentElement?.setAttribute('data-time-from', String(Math.round(u.scales.x?.min ?? 0)));
          u.root.parentElement?.setAttribute('data-time-to', String(Math.round(u.scales.x?.max ?? 0)));
        },
      ],
    },
  };
}

export function TemperatureChart({ points, heaters }: { points: readonly TemperaturePoint[]; heaters: readonly string[] }) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const heaterKey = heaters.join(',');

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = new uPlot(makeOptions(heaters, element.clientWidth || 600), chartColumns(points, heaters) as uPlot.AlignedData, element);
    plot.current = chart;
    const observer = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height: 260 }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // The chart is rebuilt only when the set of heaters changes; new points go through setData below.
  }, [heaterKey]);

  useEffect(() => {
    plot.current?.setData(chartColumns(points, heaters) as uPlot.AlignedData);
  }, [points, heaterKey]);

  return <div ref={container} class="chart" role="img" aria-label="Temperature history chart" />;
}
