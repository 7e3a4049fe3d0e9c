/**
 * Sales by month as bars: ECharts, loaded only when the owner's screen opens (OwnerPage lazy-imports this
 * file), so the counter screens never carry it. Only the bar chart, its grid and tooltip and the SVG
 * renderer are bundled; SVG stays sharp when the page is printed.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

export interface MonthBar {
  label: string;
  amountFen: number;
  tooltip: string;
}

/**
 * The bars' option, on screen and on paper. `grid.containLabel` needs a legacy module in ECharts 6: the
 * same is asked with outerBounds (the grid shrinks until the axis labels fit inside the chart).
 */
function optionOf(bars: MonthBar[], axisLabel: (fen: number) => string, forPaper: boolean) {
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 16, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: forPaper ? undefined : { trigger: 'axis', formatter: (params: { dataIndex: number }[]) => bars[params[0]!.dataIndex]!.tooltip },
    xAxis: { type: 'category', data: bars.map((b) => b.label), axisTick: { alignWithLabel: true }, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: (fen: number) => axisLabel(fen) } },
    series: [{ type: 'bar', data: bars.map((b) => b.amountFen), itemStyle: { color: '#1f7a5c' }, barMaxWidth: 36 }],
  } as const;
}

/** The same bars as an SVG document for a printed page (server-side rendering: no element, no resizing, sharp at any size). */
export function monthChartSvg(bars: MonthBar[], axisLabel: (fen: number) => string, size: { width: number; height: number }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
  try {
    chart.setOption(optionOf(bars, axisLabel, true));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export default function MonthChart({ bars, axisLabel }: { bars: MonthBar[]; axisLabel: (fen: number) => string }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(element.current!, null, { renderer: 'svg' });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element.current!);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, []);
  useEffect(() => {
    echarts.getInstanceByDom(element.current!)?.setOption(optionOf(bars, axisLabel, false));
  }, [bars, axisLabel]);
  return <div ref={element} className="owner-chart" role="img" aria-label={bars.map((b) => b.tooltip).join('; ')} />;
}
