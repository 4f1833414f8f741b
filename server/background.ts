/** What runs beside HTTP in a server process: the cron scheduler (scheduling issue). Returns a stop function. */
import type { Deps } from './container.js';

export async function startBackground(_deps: Deps): Promise<() => Promise<void>> {
  return async () => {};
}
