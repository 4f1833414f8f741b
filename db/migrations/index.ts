/** Migrations in order. Listed explicitly (no glob) so tsx, compiled JS and tests load the same set. */
import { Initial1764400000000 } from './1764400000000-Initial.js';

export const migrations = [Initial1764400000000];
