// The live temperature chart (uPlot): actual temperatures as lines, targets dashed.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TemperaturePoint } from '../../api/types.js';
import { chartColumns, heaterColour, heaterLabel } from './heaters.js';

const WINDOW_SECONDS = 300;

function makeOptions(heaters: readonly string[], width: number): uPlot.Options {
  const series: uPlot.Series[] = [{ label: 'Time' }];
  for (const heater of heaters) {
    const stroke = heaterColour(heater);
    series.push({ label: `${heaterLabel(heater)} actual`, stroke, width: 2, points: { show: false }, value: (_u, v) => (v === null ? '–' : `${v.toFixed(1)} °C`) });
    series.push({ label: `${heaterLabel(heater)} target`, stroke, width: 1, dash: [6, 4], points: { show: false }, value: (_u, v) => (v === null ? '–' : `${v.toFixed(0)} °C`) });
  }
  return {
    width,
    height: 260,
    series,
    // At least the last five minutes, so the time axis reads in whole minutes from the start.
    scales: { x: { time: true, range: (_u, min, max) => [Math.min(min ?? 0, (max ?? 0) - WINDOW_SECONDS), max ?? 0] }, y: { range: (_u, min, max) => [Math.min(0, min ?? 0), Math.max(50, Math.ceil(((max ?? 0) + 10) / 10) * 10)] } },
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
