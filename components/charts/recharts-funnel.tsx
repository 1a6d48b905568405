"use client";

import { Funnel, FunnelChart as RFunnelChart, LabelList, ResponsiveContainer, Tooltip } from "recharts";
import { formatCount } from "@/components/ui/format";
import { PALETTE } from "./format";
import type { FunnelChartProps } from "./funnel-chart";

/** The Recharts picture of a FunnelChart; loaded on its own by ./funnel-chart.tsx (docs/performance.md#page-weight). */
export default function RechartsFunnel({ steps, height = 280 }: Pick<FunnelChartProps, "steps" | "height">) {
  const data = steps.map((s, i) => ({ name: s.label, value: s.value, fill: PALETTE[i % PALETTE.length] }));
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 500, height }}>
      <RFunnelChart accessibilityLayer={false}>
        <Tooltip formatter={(v) => formatCount(Number(v))} />
        <Funnel dataKey="value" nameKey="name" data={data} isAnimationActive={false} lastShapeType="rectangle">
          <LabelList position="right" fill="#0f172a" stroke="none" dataKey="name" fontSize={12} />
          <LabelList position="center" fill="#ffffff" stroke="none" dataKey="value" fontSize={12} />
        </Funnel>
      </RFunnelChart>
    </ResponsiveContainer>
  );
}
