/**
 * This process's peak resident memory in MB. VmHWM, not getrusage's maxRSS:
 * Linux carries maxRSS over from the parent across fork+exec, so a child would
 * report the seeding parent's peak. maxRSS only where there is no VmHWM line.
 */
import { readFileSync } from 'node:fs';

export function peakRssMb(): number {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return Math.round((hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS) / 1024);
}
