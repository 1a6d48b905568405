export * from "./bar-chart";
export * from "./format";
export * from "./funnel-chart";
export * from "./time-series-chart";
