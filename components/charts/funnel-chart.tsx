"use client";

import { Funnel, FunnelChart as RFunnelChart, LabelList, ResponsiveContainer, Tooltip } from "recharts";
import { ChartFrame } from "./chart-frame";
import { formatBps, formatCount } from "@/components/ui/format";
import { PALETTE } from "./format";

export interface FunnelStepDatum {
  label: string;
  value: number;
}

/** Steps of a conversion funnel with each step's rate from the step before. */
export function FunnelChart({
  title,
  description,
  steps,
  height = 280,
}: {
  title: string;
  description?: string;
  steps: FunnelStepDatum[];
  height?: number;
}) {
  const rate = (i: number) =>
    i === 0 || !steps[i - 1].value ? "" : formatBps(Math.round((steps[i].value * 10_000) / steps[i - 1].value));
  const data = steps.map((s, i) => ({ name: s.label, value: s.value, fill: PALETTE[i % PALETTE.length] }));
  return (
    <ChartFrame
      title={title}
      description={description}
      columns={["Step", "Count", "From previous step"]}
      rows={steps.map((s, i) => [s.label, formatCount(s.value), rate(i)])}
      height={height}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 500, height }}>
        <RFunnelChart accessibilityLayer={false}>
          <Tooltip formatter={(v) => formatCount(Number(v))} />
          <Funnel dataKey="value" nameKey="name" data={data} isAnimationActive={false} lastShapeType="rectangle">
            <LabelList position="right" fill="#0f172a" stroke="none" dataKey="name" fontSize={12} />
            <LabelList position="center" fill="#ffffff" stroke="none" dataKey="value" fontSize={12} />
          </Funnel>
        </RFunnelChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
