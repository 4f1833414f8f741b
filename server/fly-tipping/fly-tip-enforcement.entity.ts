import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

/** One enforcement action the office took over a fly-tip (Defra's list), on a local date: counted in that month's WasteDataFlow return. */
export interface FlyTipEnforcement {
  id: string;
  workOrderId: string;
  /** A key of ENFORCEMENT_ACTIONS (server/categories/defra.ts). */
  action: string;
  /** YYYY-MM-DD, Europe/London. */
  takenOn: string;
  recordedByUserId: string | null;
  recordedBy: string;
  createdAt: string;
}

export const FlyTipEnforcementEntity = new EntitySchema<FlyTipEnforcement>({
  name: 'FlyTipEnforcement',
  tableName: 'fly_tip_enforcement',
  columns: {
    id: col.uuid({ primary: true }),
    workOrderId: col.uuid({ name: 'work_order_id' }),
    action: col.str(40),
    takenOn: col.str(10, { name: 'taken_on' }),
    recordedByUserId: col.uuid({ name: 'recorded_by_user_id', nullable: true }),
    recordedBy: col.str(200, { name: 'recorded_by' }),
    createdAt: col.instant({ name: 'created_at' }),
  },
});
