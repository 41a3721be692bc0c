// CPU time of the processes a benchmark phase involves, read from /proc (Linux): the server's
// process group, the Postgres backends serving the bench database, this load generator, and the
// whole machine, so each phase can say what a request cost and how busy the machine was
// (other work on a shared machine shows up as the part nobody here used).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import type postgres from "postgres";

const TICK_MS = 1000 / clockTicksPerSecond();

function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
}

/** utime + stime of one process (all its threads) in ms, with its process group; undefined once it is gone. */
function processCpu(pid: number): { ms: number; pgrp: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name is in parentheses and may contain spaces: the fields start after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state): pgrp is field 5, utime 14, stime 15.
  return { ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS, pgrp: Number(fields[2]) };
}

/** CPU ms (all threads) of one live process; 0 once it is gone. */
export function processCpuMs(pid: number): number {
  return processCpu(pid)?.ms ?? 0;
}

/** CPU ms of every live process in a process group (a server started detached leads its own group). */
export function groupCpuMs(pgid: number): number {
  let total = 0;
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const cpu = processCpu(pid);
    if (cpu?.pgrp === pgid) total += cpu.ms;
  }
  return total;
}

/** Busy and total CPU ms of the whole machine since boot (all cores), from /proc/stat. */
function machineCpuMs(): { busy: number; total: number } {
  const [cpuLine] = readFileSync("/proc/stat", "utf8").split("\n");
  const ticks = cpuLine.trim().split(/\s+/).slice(1, 9).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = ticks;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy * TICK_MS, total: (busy + idle + iowait) * TICK_MS };
}

export interface CpuSample {
  at: number;
  server: number;
  /** The server's process group without its leader: the relay worker. */
  relay: number;
  backends: Map<number, number>;
  /** Backends of the relay's sessions (application_name "salon-booking relay"). */
  relayBackends: Set<number>;
  loadGenerator: number;
  machine: { busy: number; total: number };
}

export interface CpuWindow {
  /** CPU ms per request of the server's process group (relay included when it runs there). */
  serverMsPerRequest: number;
  /** Of that, the relay worker's (the group's processes other than the server). */
  relayMsPerRequest: number;
  /** CPU ms per request of the Postgres backends of the bench database. */
  postgresMsPerRequest: number;
  /** Of that, the relay's sessions'. */
  relayPostgresMsPerRequest: number;
  /** CPU ms per request of this process, the load generator. */
  loadGeneratorMsPerRequest: number;
  /** The machine's busy share of all its cores, and the part of it none of the above used. */
  machineBusyPct: number;
  othersBusyPct: number;
}

/**
 * Samples the CPU of a phase's processes. `serverPgid` is the server's process group (0: no server
 * in this phase); `database` names the bench database whose backends are counted.
 */
export function cpuMeter(admin: postgres.Sql, database: string) {
  async function backendPids(): Promise<{ pid: number; relay: boolean }[]> {
    const rows = await admin<{ pid: number; application_name: string }[]>`
      select pid, application_name from pg_stat_activity where datname = ${database} and backend_type = 'client backend'`;
    return rows.map((r) => ({ pid: r.pid, relay: r.application_name === "salon-booking relay" }));
  }

  return {
    async sample(serverPgid: number): Promise<CpuSample> {
      const backends = new Map<number, number>();
      const relayBackends = new Set<number>();
      for (const { pid, relay } of await backendPids()) {
        const cpu = processCpu(pid);
        if (cpu) backends.set(pid, cpu.ms);
        if (relay) relayBackends.add(pid);
      }
      const own = process.cpuUsage();
      const server = serverPgid ? groupCpuMs(serverPgid) : 0;
      return {
        at: performance.now(),
        server,
        relay: serverPgid ? server - processCpuMs(serverPgid) : 0,
        backends,
        relayBackends,
        loadGenerator: (own.user + own.system) / 1000,
        machine: machineCpuMs(),
      };
    },

    /** What `requests` requests cost between two samples. Backends that exited meanwhile are not counted. */
    between(start: CpuSample, end: CpuSample, requests: number): CpuWindow {
      let postgresMs = 0;
      let relayPostgresMs = 0;
      for (const [pid, ms] of end.backends) {
        const used = ms - (start.backends.get(pid) ?? 0);
        postgresMs += used;
        if (end.relayBackends.has(pid)) relayPostgresMs += used;
      }
      const server = end.server - start.server;
      const loadGenerator = end.loadGenerator - start.loadGenerator;
      const busy = end.machine.busy - start.machine.busy;
      const total = end.machine.total - start.machine.total;
      const per = (ms: number) => round(ms / Math.max(1, requests), 3);
      return {
        serverMsPerRequest: per(server),
        relayMsPerRequest: per(end.relay - start.relay),
        postgresMsPerRequest: per(postgresMs),
        relayPostgresMsPerRequest: per(relayPostgresMs),
        loadGeneratorMsPerRequest: per(loadGenerator),
        machineBusyPct: round((100 * busy) / Math.max(1, total), 1),
        othersBusyPct: round((100 * Math.max(0, busy - server - postgresMs - loadGenerator)) / Math.max(1, total), 1),
      };
    },
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
