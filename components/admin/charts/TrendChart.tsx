"use client";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { compactMoney, count, fullMoney, SERIES } from "./palette";

export interface TrendDatum {
  date: string;
  referrals: number;
  conversions: number;
  rewardCents: number;
}

/** Referrals and conversions (lines, left axis) with reward amounts (bars, right axis) per bucket. */
export function TrendChart({ data, currency }: { data: TrendDatum[]; currency: string }) {
  const money = compactMoney(currency);
  const full = fullMoney(currency);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="date" tick={{ fontSize: 11 }} tickFormatter={(d: string) => d.slice(5)} minTickGap={16} />
        <YAxis yAxisId="n" tick={{ fontSize: 11 }} allowDecimals={false} width={36} />
        <YAxis yAxisId="m" orientation="right" tick={{ fontSize: 11 }} tickFormatter={(v: number) => money(v)} width={56} />
        <Tooltip formatter={(v, name) => (name === "Reward amounts" ? full(Number(v)) : count.format(Number(v)))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar yAxisId="m" dataKey="rewardCents" name="Reward amounts" fill={SERIES[4]} opacity={0.6} isAnimationActive={false} />
        <Line yAxisId="n" type="monotone" dataKey="referrals" name="Referrals" stroke={SERIES[0]} strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line yAxisId="n" type="monotone" dataKey="conversions" name="Conversions" stroke={SERIES[2]} strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
