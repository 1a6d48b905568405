"use client";

import { Cell, Legend, Pie, PieChart as RPieChart, ResponsiveContainer, Tooltip } from "recharts";
import { ChartFrame } from "./chart-frame";
import { formatValue, PALETTE, type ValueFormat } from "./format";

export interface Slice {
  name: string;
  value: number;
}

/** Shares of a whole; `donut` leaves the middle open. Zero slices are left out of the picture. */
export function PieChart({
  title,
  description,
  data,
  format = "number",
  currency = "USD",
  donut = true,
  height = 260,
}: {
  title: string;
  description?: string;
  data: Slice[];
  format?: ValueFormat;
  currency?: string;
  donut?: boolean;
  height?: number;
}) {
  const total = data.reduce((s, d) => s + d.value, 0);
  const rows = data.map((d) => [
    d.name,
    formatValue(d.value, format, currency),
    total ? `${Math.round((d.value * 100) / total)}%` : "0%",
  ]);
  const shown = data.filter((d) => d.value > 0);
  return (
    <ChartFrame
      title={title}
      description={description}
      columns={["Name", "Value", "Share"]}
      rows={rows}
      height={height}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 400, height }}>
        <RPieChart>
          <Pie
            data={shown}
            dataKey="value"
            nameKey="name"
            innerRadius={donut ? "55%" : 0}
            outerRadius="80%"
            paddingAngle={shown.length > 1 ? 1 : 0}
            isAnimationActive={false}
          >
            {shown.map((d, i) => (
              <Cell key={d.name} fill={PALETTE[i % PALETTE.length]} />
            ))}
          </Pie>
          <Tooltip formatter={(v) => formatValue(v, format, currency)} />
          <Legend />
        </RPieChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export const DonutChart = (props: Omit<Parameters<typeof PieChart>[0], "donut">) => <PieChart {...props} donut />;
