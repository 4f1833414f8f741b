/**
 * The deadline engine behind one object: loads the working calendar from the
 * `working_calendar` setting (administrator-editable) over the defaults, and
 * answers "when is this due" and "is it at risk".
 */
import type { Database } from '../../db/data-source.js';
import type { SlaPolicy } from '../categories/category.entity.js';
import type { Config } from '../config.js';
import { SettingEntity } from '../settings/setting.entity.js';
import type { DeadlineState } from '../work-orders/work-order.entity.js';
import { atRiskFrom, deadlineStateAt, dueAt } from './deadline.js';
import { defaultCalendarSpec, WorkingCalendar, type WorkingCalendarSpec } from './working-calendar.js';

export const CALENDAR_SETTING_KEY = 'working_calendar';

export class SlaService {
  private calendar: WorkingCalendar;
  private loadedAt = -Infinity;

  constructor(
    private readonly db: Database,
    private readonly config: Config,
  ) {
    this.calendar = new WorkingCalendar(defaultCalendarSpec(config.timeZone));
  }

  /** Re-reads the setting at most once a minute, so an edit takes effect without a restart. */
  async workingCalendar(): Promise<WorkingCalendar> {
    if (Date.now() - this.loadedAt < 60_000) return this.calendar;
    const row = await this.db.manager.getRepository(SettingEntity).findOneBy({ key: CALENDAR_SETTING_KEY });
    const override = (row?.value ?? {}) as Partial<WorkingCalendarSpec>;
    this.calendar = new WorkingCalendar({ ...defaultCalendarSpec(this.config.timeZone), ...override, timeZone: this.config.timeZone });
    this.loadedAt = Date.now();
    return this.calendar;
  }

  /** Forget the cached calendar (after the setting was edited). */
  invalidate(): void {
    this.loadedAt = -Infinity;
  }

  async dueAt(policy: SlaPolicy, openedAt: string, zone: number): Promise<string> {
    return dueAt(policy, new Date(openedAt), zone, await this.workingCalendar()).toISOString();
  }

  atRiskFrom(openedAt: string, due: string): string {
    return atRiskFrom(openedAt, due, this.config.atRiskShare);
  }

  stateAt(openedAt: string, due: string, now: Date): DeadlineState {
    return deadlineStateAt(openedAt, due, now, this.config.atRiskShare);
  }
}
