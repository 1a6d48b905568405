"use client";

import {
  Bar,
  BarChart as RBarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatTick, formatValue, PALETTE, valueDomain } from "./format";
import type { BarChartProps } from "./bar-chart";

/** The Recharts picture of a BarChart; loaded on its own by ./bar-chart.tsx (docs/performance.md#page-weight). */
export default function RechartsBar({
  data,
  categoryKey,
  series,
  format = "number",
  currency = "USD",
  layout = "horizontal",
  stacked = false,
  height = 260,
}: Omit<BarChartProps, "title" | "description">) {
  const vertical = layout === "vertical";
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height }}>
      <RBarChart
        accessibilityLayer={false}
        data={data}
        layout={layout}
        margin={{ top: 8, right: 8, left: 0, bottom: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        {vertical ? (
          <>
            <XAxis
              type="number"
              tickFormatter={(v) => formatTick(v, format, currency)}
              fontSize={12}
              allowDecimals={false}
              domain={valueDomain(data, series, stacked)}
            />
            <YAxis type="category" dataKey={categoryKey} fontSize={12} width={110} />
          </>
        ) : (
          <>
            <XAxis dataKey={categoryKey} fontSize={12} />
            <YAxis
              tickFormatter={(v) => formatTick(v, format, currency)}
              fontSize={12}
              width={56}
              allowDecimals={false}
              domain={valueDomain(data, series, stacked)}
            />
          </>
        )}
        <Tooltip formatter={(v) => formatValue(v, format, currency)} />
        {series.length > 1 && <Legend />}
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            fill={s.color ?? PALETTE[i % PALETTE.length]}
            stackId={stacked ? "stack" : undefined}
            isAnimationActive={false}
          />
        ))}
      </RBarChart>
    </ResponsiveContainer>
  );
}
