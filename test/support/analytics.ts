/** An Analytics Engine dataset that keeps what is written to it. */
export function capturingDataset() {
  const points: AnalyticsEngineDataPoint[] = [];
  return { points, dataset: { writeDataPoint: (point?: AnalyticsEngineDataPoint) => point && points.push(point) } };
}
