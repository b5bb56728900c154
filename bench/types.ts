import { join } from 'node:path';
import { parseConfig, type Config } from '../src/config.js';

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

/** The service's configuration for a benchmark run in-process on its own folder: quiet, unseeded, unlimited. */
export function benchConfig(dir: string): Config {
  return parseConfig({
    databaseFile: join(dir, 'db.sqlite'),
    storageDir: join(dir, 'storage'),
    logLevel: 'silent',
    seedOnStart: false,
    rateLimitMax: 1_000_000,
  });
}
