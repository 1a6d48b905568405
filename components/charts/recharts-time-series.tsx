"use client";

import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatBucket, formatTick, formatValue, PALETTE, valueDomain } from "./format";
import type { TimeSeriesChartProps } from "./time-series-chart";

/** The Recharts picture of a TimeSeriesChart; loaded on its own by ./time-series-chart.tsx (docs/performance.md#page-weight). */
export default function RechartsTimeSeries({
  data,
  xKey = "date",
  series,
  format = "number",
  currency = "USD",
  variant = "line",
  height = 260,
}: Omit<TimeSeriesChartProps, "title" | "description">) {
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
      <XAxis dataKey={xKey} tickFormatter={(v) => formatBucket(String(v))} fontSize={12} minTickGap={16} />
      <YAxis
        tickFormatter={(v) => formatTick(v, format, currency)}
        fontSize={12}
        width={56}
        allowDecimals={false}
        domain={valueDomain(data, series)}
      />
      <Tooltip formatter={(v) => formatValue(v, format, currency)} labelFormatter={(v) => formatBucket(String(v))} />
      <Legend />
    </>
  );
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height }}>
      {variant === "area" ? (
        <AreaChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          {axes}
          {series.map((s, i) => (
            <Area
              key={s.key}
              type="linear"
              dataKey={s.key}
              name={s.label}
              stroke={s.color ?? PALETTE[i % PALETTE.length]}
              fill={s.color ?? PALETTE[i % PALETTE.length]}
              fillOpacity={0.15}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      ) : (
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          {axes}
          {series.map((s, i) => (
            <Line
              key={s.key}
              type="linear"
              dataKey={s.key}
              name={s.label}
              stroke={s.color ?? PALETTE[i % PALETTE.length]}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
    </ResponsiveContainer>
  );
}
