"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { compactMoney, fullMoney, SERIES } from "./palette";

/** Paid payout amounts per month, stacked by payment method. */
export function PayoutChart({ data, methods, currency }: { data: Record<string, string | number>[]; methods: string[]; currency: string }) {
  const money = compactMoney(currency);
  const full = fullMoney(currency);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="month" tick={{ fontSize: 11 }} />
        <YAxis tick={{ fontSize: 11 }} tickFormatter={(v: number) => money(v)} width={56} />
        <Tooltip formatter={(v) => full(Number(v))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {methods.map((m, i) => (
          <Bar key={m} dataKey={m} stackId="paid" name={m.replace(/_/g, " ").toLowerCase()} fill={SERIES[i % SERIES.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
