import type { CliIo } from './cli-io';

const EVERY_MS = 200;

/**
 * Progress of long work, on stderr and only on a terminal (a pipe or a log file gets nothing: no
 * carriage returns in logs, and stdout stays the command's output). Redrawn at most every 200 ms;
 * done() ends the line.
 */
export function progressLine(io: CliIo, what: string): { update: (done: number, total: number) => void; done: () => void } {
  if (io.stderrIsTTY !== true) return { update: () => undefined, done: () => undefined };
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (done < total && now - last < EVERY_MS) return;
      last = now;
      drawn = true;
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      io.err(`\r${what}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} entries (${percent}%)`);
    },
    done() {
      if (drawn) io.err('\n');
    },
  };
}
