import { readdirSync, readFileSync } from 'node:fs';

// Processes seen through /proc (Linux): the Chromium processes a service or an engine started.

export interface ProcessInfo {
  pid: number;
  command: string;
}

/** The command line of a process, or null once it is gone. */
export function commandOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return null;
  }
}

/** Every process below `root`, with its command line. */
export function descendants(root: number): ProcessInfo[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found = new Set([root]);
  for (let size = 0; size !== found.size;) {
    size = found.size;
    for (const [pid, parent] of parentOf) if (found.has(parent)) found.add(pid);
  }
  found.delete(root);
  return [...found].map((pid) => ({ pid, command: commandOf(pid) ?? '' }));
}

export const isChromium = (command: string) => /chrom/i.test(command);

/** The processes of the list still running the same command (a pid is not reused that fast). */
export const stillRunning = (processes: readonly ProcessInfo[]) => processes.filter(({ pid, command }) => commandOf(pid) === command);
