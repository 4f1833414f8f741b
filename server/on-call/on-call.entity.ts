import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

/**
 * One slot of the on-call rota for the 24/7 (hazard) categories: who is on
 * call on which weekdays between which times (Europe/London). A slot whose end
 * is not after its start runs past midnight into the next day.
 */
export interface OnCallSlot {
  id: string;
  contactName: string;
  email: string;
  phone: string | null;
  /** ISO weekdays the slot starts on, 1 = Monday … 7 = Sunday. */
  days: number[];
  start: string; // "18:00"
  end: string; // "07:00" (next day)
  createdAt: string;
  version: number;
}

export const OnCallSlotEntity = new EntitySchema<OnCallSlot>({
  name: 'OnCallSlot',
  tableName: 'on_call_slot',
  columns: {
    id: col.uuid({ primary: true }),
    contactName: col.str(120, { name: 'contact_name' }),
    email: col.str(254),
    phone: col.str(40, { nullable: true }),
    days: col.json(),
    start: col.str(5, { name: 'start_time' }),
    end: col.str(5, { name: 'end_time' }),
    createdAt: col.instant({ name: 'created_at' }),
    version: col.int({ default: 1 }),
  },
});
