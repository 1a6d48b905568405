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
import { ChartFrame } from "./chart-frame";
import { formatBucket, formatTick, formatValue, PALETTE, valueDomain, type ValueFormat } from "./format";

export interface Series {
  key: string;
  label: string;
  color?: string;
}

/** Values over time buckets (`YYYY-MM-DD` in `xKey`), as lines or stacked-free areas. */
export function TimeSeriesChart({
  title,
  description,
  data,
  xKey = "date",
  series,
  format = "number",
  currency = "USD",
  variant = "line",
  height = 260,
}: {
  title: string;
  description?: string;
  data: Record<string, string | number>[];
  xKey?: string;
  series: Series[];
  format?: ValueFormat;
  currency?: string;
  variant?: "line" | "area";
  height?: number;
}) {
  const rows = data.map((d) => [String(d[xKey]), ...series.map((s) => formatValue(d[s.key], format, currency))]);
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
    <ChartFrame
      title={title}
      description={description}
      columns={["Date", ...series.map((s) => s.label)]}
      rows={rows}
      height={height}
    >
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
    </ChartFrame>
  );
}
