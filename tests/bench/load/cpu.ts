/**
 * Where a cell's time went: the CPU the server process (app or bound), PostgreSQL (postmaster
 * and backends) and the load generator used in the measured window, per successful request.
 * Read from Linux's /proc; elsewhere the figures are absent.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export interface CpuPerRequest {
  /** Milliseconds of CPU per successful request. */
  server: number;
  postgres: number;
  generator: number;
}

/** pid, parent pid and CPU time (user + system, clock ticks) from the text of /proc/<pid>/stat. */
export function parseStat(text: string): { pid: number; ppid: number; ticks: number } {
  // The command name is in parentheses and may hold spaces or parentheses itself: fields follow the last ")".
  const close = text.lastIndexOf(")");
  const rest = text.slice(close + 2).split(" ");
  // After the name: state, ppid, …; utime and stime are fields 14 and 15 of the whole line.
  return { pid: Number.parseInt(text, 10), ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
}

let ticksPerSecond: number | undefined;
function msPerTick(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return 1000 / ticksPerSecond;
}

function stats(): { pid: number; ppid: number; ticks: number }[] {
  const out = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      out.push(parseStat(readFileSync(`/proc/${name}/stat`, "utf8")));
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** CPU ticks so far of `serverPid`, and of each process of the PostgreSQL whose postmaster is `postmasterPid`, by pid. */
function snapshot(serverPid: number, postmasterPid: number) {
  const all = stats();
  const usage = process.cpuUsage();
  return {
    server: all.find((s) => s.pid === serverPid)?.ticks ?? 0,
    postgres: new Map(all.filter((s) => s.pid === postmasterPid || s.ppid === postmasterPid).map((s) => [s.pid, s.ticks])),
    generator: (usage.user + usage.system) / 1000,
  };
}

/** Ticks spent between two snapshots by processes alive at the second: a process born in between counts whole. */
export function ticksBetween(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let sum = 0;
  for (const [pid, ticks] of after) sum += ticks - (before.get(pid) ?? 0);
  return sum;
}

/**
 * Measures between `begin()` and `end(requests)`. Null where /proc is not there. A PostgreSQL
 * backend that exits inside the window (another pool's idle connection) takes its time with it.
 */
export function cpuSampler(serverPid: number, postmasterPid: number) {
  const available = (() => {
    try {
      readFileSync(`/proc/${serverPid}/stat`);
      return true;
    } catch {
      return false;
    }
  })();
  let start: ReturnType<typeof snapshot> | undefined;
  return {
    begin() {
      if (available) start = snapshot(serverPid, postmasterPid);
    },
    end(requests: number): CpuPerRequest | null {
      if (!start || requests === 0) return null;
      const now = snapshot(serverPid, postmasterPid);
      return {
        server: ((now.server - start.server) * msPerTick()) / requests,
        postgres: (ticksBetween(start.postgres, now.postgres) * msPerTick()) / requests,
        generator: (now.generator - start.generator) / requests,
      };
    },
  };
}
