import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

import type { CrewSkill } from './crew-skills.js';

export { CREW_SKILLS, type CrewSkill } from './crew-skills.js';

/** Duty days (ISO weekday 1=Mon…7=Sun) and hours, Europe/London. */
export interface ShiftPattern {
  days: number[];
  start: string; // "07:00"
  end: string; // "15:00"
}

/** A dated exception: leave, vehicle off road… `available: false` removes the crew for that day. */
export interface ShiftException {
  date: string; // YYYY-MM-DD
  available: boolean;
  start?: string;
  end?: string;
  reason: string;
}

export interface Crew {
  id: string;
  name: string;
  depotLat: number;
  depotLng: number;
  leadUserId: string | null;
  members: string[];
  skills: CrewSkill[];
  capacity: number;
  shift: ShiftPattern;
  exceptions: ShiftException[];
  active: boolean;
  createdAt: string;
  version: number;
}

export const CrewEntity = new EntitySchema<Crew>({
  name: 'Crew',
  tableName: 'crew',
  columns: {
    id: col.uuid({ primary: true }),
    name: col.str(120, { unique: true }),
    depotLat: col.float({ name: 'depot_lat' }),
    depotLng: col.float({ name: 'depot_lng' }),
    leadUserId: col.uuid({ name: 'lead_user_id', nullable: true }),
    members: col.json(),
    skills: col.json(),
    capacity: col.int({ default: 20 }),
    shift: col.json(),
    exceptions: col.json(),
    active: col.bool({ default: true }),
    createdAt: col.instant({ name: 'created_at' }),
    version: col.int({ default: 1 }),
  },
});
