/** Migrations in order. Listed explicitly (no glob) so tsx, compiled JS and tests load the same set. */
import { Initial1764400000000 } from './1764400000000-Initial.js';
import { Intake1764500000000 } from './1764500000000-Intake.js';

export const migrations = [Initial1764400000000, Intake1764500000000];
