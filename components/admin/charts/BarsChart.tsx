"use client";
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { compactMoney, count, fullMoney, SERIES } from "./palette";

/** Horizontal bars of one value per label (funnel steps, sources, top partners). */
export function BarsChart({ data, money, currency = "USD", color = 0 }: { data: { label: string; value: number; note?: string }[]; money?: boolean; currency?: string; color?: number }) {
  const fmt = money ? compactMoney(currency) : (n: number) => count.format(n);
  const full = money ? fullMoney(currency) : (n: number) => count.format(n);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 48, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e2e8f0" horizontal={false} />
        <XAxis type="number" tick={{ fontSize: 11 }} tickFormatter={(v: number) => fmt(v)} allowDecimals={false} />
        <YAxis type="category" dataKey="label" tick={{ fontSize: 11 }} width={110} />
        <Tooltip formatter={(v) => full(Number(v))} />
        <Bar dataKey="value" name="Value" fill={SERIES[color % SERIES.length]} isAnimationActive={false}>
          <LabelList dataKey="note" position="right" style={{ fontSize: 11, fill: "#334155" }} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
