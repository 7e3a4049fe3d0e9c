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
    echarts.getInstanceByDom(element.current!)?.setOption({
      animation: false,
      grid: { left: 8, right: 8, top: 16, bottom: 4, containLabel: true },
      tooltip: { trigger: 'axis', formatter: (params: { dataIndex: number }[]) => bars[params[0]!.dataIndex]!.tooltip },
      xAxis: { type: 'category', data: bars.map((b) => b.label), axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', axisLabel: { formatter: (fen: number) => axisLabel(fen) } },
      series: [{ type: 'bar', data: bars.map((b) => b.amountFen), itemStyle: { color: '#1f7a5c' }, barMaxWidth: 36 }],
    });
  }, [bars, axisLabel]);
  return <div ref={element} className="owner-chart" role="img" aria-label={bars.map((b) => b.tooltip).join('; ')} />;
}
