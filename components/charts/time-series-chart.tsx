"use client";

import dynamic from "next/dynamic";
import { Suspense } from "react";
import { ChartFrame } from "./chart-frame";
import { formatValue, type ValueFormat } from "./format";

export interface Series {
  key: string;
  label: string;
  color?: string;
}

export interface TimeSeriesChartProps {
  title: string;
  description?: string;
  data: Record<string, string | number>[];
  xKey?: string;
  series: Series[];
  format?: ValueFormat;
  currency?: string;
  variant?: "line" | "area";
  height?: number;
}

// Recharts is a chunk of its own, fetched only by pages that draw a chart (docs/performance.md#page-weight).
const RechartsTimeSeries = dynamic(() => import("./recharts-time-series"));

/** Values over time buckets (`YYYY-MM-DD` in `xKey`), as lines or stacked-free areas. */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { title, description, data, xKey = "date", series, format = "number", currency = "USD", height = 260 } = props;
  const rows = data.map((d) => [String(d[xKey]), ...series.map((s) => formatValue(d[s.key], format, currency))]);
  return (
    <ChartFrame
      title={title}
      description={description}
      columns={["Date", ...series.map((s) => s.label)]}
      rows={rows}
      height={height}
    >
      <Suspense fallback={null}>
        <RechartsTimeSeries {...props} />
      </Suspense>
    </ChartFrame>
  );
}
