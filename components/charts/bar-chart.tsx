"use client";

import dynamic from "next/dynamic";
import { Suspense } from "react";
import { ChartFrame } from "./chart-frame";
import { formatValue, type ValueFormat } from "./format";
import type { Series } from "./time-series-chart";

export interface BarChartProps {
  title: string;
  description?: string;
  data: Record<string, string | number>[];
  categoryKey: string;
  series: Series[];
  format?: ValueFormat;
  currency?: string;
  layout?: "horizontal" | "vertical";
  stacked?: boolean;
  height?: number;
}

// Recharts is a chunk of its own, fetched only by pages that draw a chart (docs/performance.md#page-weight).
const RechartsBar = dynamic(() => import("./recharts-bar"));

/** Categories (`categoryKey`) with one bar per series; `layout="vertical"` for long labels. */
export function BarChart(props: BarChartProps) {
  const { title, description, data, categoryKey, series, format = "number", currency = "USD", height = 260 } = props;
  const rows = data.map((d) => [String(d[categoryKey]), ...series.map((s) => formatValue(d[s.key], format, currency))]);
  return (
    <ChartFrame
      title={title}
      description={description}
      columns={[categoryKey, ...series.map((s) => s.label)]}
      rows={rows}
      height={height}
    >
      <Suspense fallback={null}>
        <RechartsBar {...props} />
      </Suspense>
    </ChartFrame>
  );
}
