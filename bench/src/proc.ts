/** Reads another process's memory and CPU time from /proc (Linux only). */
import { readFileSync, readdirSync } from 'node:fs';

/** Resident set size in bytes, from /proc/<pid>/status VmRSS. */
export function readRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status (has the process exited?)`);
  return Number(match[1]) * 1024;
}

/**
 * On-CPU time of all threads of the process, in ns: the sum of /proc/<pid>/task/<tid>/schedstat
 * (first field, ns) when the kernel keeps schedstats; else null.
 */
export function readSchedstatNs(pid: number): number | null {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8');
    } catch {
      continue; // the thread exited between readdir and read
    }
    total += Number(text.split(' ')[0]);
  }
  // Kernels without schedstats report 0 for everything; a live Node process has always run.
  return total > 0 ? total : null;
}

/** utime + stime of the whole thread group (exited threads included), in ns; clock-tick resolution. */
export function readStatCpuNs(pid: number, clockTicksPerSecond: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces and parentheses: split after its closing ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (14) and stime (15) are fields[11] and fields[12].
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1e9) / clockTicksPerSecond;
}

export interface CpuSample {
  schedstatNs: number | null;
  statNs: number;
}

export function readCpu(pid: number, clockTicksPerSecond: number): CpuSample {
  return { schedstatNs: readSchedstatNs(pid), statNs: readStatCpuNs(pid, clockTicksPerSecond) };
}

/** CPU time of several processes together (the instances of a scale-out run). */
export function readCpuOf(pids: readonly number[], clockTicksPerSecond: number): CpuSample {
  const samples = pids.map((pid) => readCpu(pid, clockTicksPerSecond));
  const sched = samples.map((s) => s.schedstatNs);
  return {
    schedstatNs: sched.includes(null) ? null : sched.reduce<number>((sum, ns) => sum + (ns ?? 0), 0),
    statNs: samples.reduce((sum, s) => sum + s.statNs, 0),
  };
}

/** Resident set size of several processes together. */
export function readRssOf(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + readRssBytes(pid), 0);
}

/** CPU ns spent between two samples, preferring schedstat (ns precision) over stat (10 ms ticks). */
export function cpuDelta(a: CpuSample, b: CpuSample): { ns: number; source: 'schedstat' | 'stat' } {
  if (a.schedstatNs !== null && b.schedstatNs !== null) {
    return { ns: b.schedstatNs - a.schedstatNs, source: 'schedstat' };
  }
  return { ns: b.statNs - a.statNs, source: 'stat' };
}
