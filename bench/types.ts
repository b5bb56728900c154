/** One line of the benchmark table: a figure and the reference it is compared with, measured in the same run. */
export interface BenchRow {
  name: string;
  figure: number;
  unit: string;
  reference: number;
  /** figure / reference, or the direction that makes "bigger is better" when the note says so. */
  ratio: number;
  note?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
