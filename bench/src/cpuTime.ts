import { readFileSync } from 'node:fs';

/** CPU seconds used so far: this process (user, system) and its reaped child processes (git, for instance). */
export interface CpuTime {
  user: number;
  system: number;
  childUser: number;
  childSystem: number;
}

// Linux reports child times in clock ticks; 100 per second on every common kernel configuration.
const TICKS_PER_SECOND = 100;

export function cpuTime(): CpuTime {
  const own = process.cpuUsage();
  let childUser = Number.NaN;
  let childSystem = Number.NaN;
  try {
    // /proc/self/stat: the command name (field 2) may hold spaces, so count fields after its closing parenthesis.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of the file (cutime, cstime) are the 14th and 15th after the name.
    childUser = Number(fields[13]) / TICKS_PER_SECOND;
    childSystem = Number(fields[14]) / TICKS_PER_SECOND;
  } catch {
    // Not Linux: child times stay unknown.
  }
  return { user: own.user / 1e6, system: own.system / 1e6, childUser, childSystem };
}

/** CPU used between two readings. */
export function cpuSince(start: CpuTime, end = cpuTime()): CpuTime {
  return {
    user: end.user - start.user,
    system: end.system - start.system,
    childUser: end.childUser - start.childUser,
    childSystem: end.childSystem - start.childSystem,
  };
}
