"use client";

import dynamic from "next/dynamic";
import { Suspense } from "react";
import { ChartFrame } from "./chart-frame";
import { formatBps, formatCount } from "@/components/ui/format";

export interface FunnelStepDatum {
  label: string;
  value: number;
}

export interface FunnelChartProps {
  title: string;
  description?: string;
  steps: FunnelStepDatum[];
  height?: number;
}

// Recharts is a chunk of its own, fetched only by pages that draw a chart (docs/performance.md#page-weight).
const RechartsFunnel = dynamic(() => import("./recharts-funnel"));

/** Steps of a conversion funnel with each step's rate from the step before. */
export function FunnelChart({ title, description, steps, height = 280 }: FunnelChartProps) {
  const rate = (i: number) =>
    i === 0 || !steps[i - 1].value ? "" : formatBps(Math.round((steps[i].value * 10_000) / steps[i - 1].value));
  return (
    <ChartFrame
      title={title}
      description={description}
      columns={["Step", "Count", "From previous step"]}
      rows={steps.map((s, i) => [s.label, formatCount(s.value), rate(i)])}
      height={height}
    >
      <Suspense fallback={null}>
        <RechartsFunnel steps={steps} height={height} />
      </Suspense>
    </ChartFrame>
  );
}
