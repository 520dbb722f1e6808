import fs from 'node:fs';

/** Where the CPU goes, from Linux's /proc: the server process, PostgreSQL, this process. */

const CLOCK_TICKS_PER_S = 100;

/** CPU time (ms) a process has used, with its exited children's if `withChildren`. */
export function processCpuMs(pid: number, withChildren = false): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state(0) … utime(11) stime(12) cutime(13) cstime(14).
    const ticks = Number(fields[11]) + Number(fields[12]) + (withChildren ? Number(fields[13]) + Number(fields[14]) : 0);
    return (ticks / CLOCK_TICKS_PER_S) * 1000;
  } catch {
    return 0;
  }
}

/** The throwaway cluster's postmaster (by its port) and its backends: the database's CPU time. */
export function databaseCpuMs(port: number | null): number {
  if (port === null || !fs.existsSync('/proc')) return 0;
  const pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  const postmaster = pids.find((pid) => {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return cmd[0].endsWith('/postgres') && cmd.includes('-p') && cmd[cmd.indexOf('-p') + 1] === String(port);
    } catch {
      return false;
    }
  });
  if (postmaster === undefined) return 0;
  const children = pids.filter((pid) => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
    } catch {
      return false;
    }
  });
  return processCpuMs(postmaster, true) + children.reduce((sum, pid) => sum + processCpuMs(pid), 0);
}

export interface CpuSample {
  server: number;
  database: number;
  loadGenerator: number;
}

export function sampleCpu(serverPid: number, databasePort: number | null): CpuSample {
  const own = process.cpuUsage();
  return { server: processCpuMs(serverPid), database: databaseCpuMs(databasePort), loadGenerator: (own.user + own.system) / 1000 };
}
