/**
 * The deadline engine behind one object: reads the working calendar from the
 * `workingCalendar` setting (administrator-editable), and answers "when is
 * this due" and "is it at risk".
 */
import type { SlaPolicy } from '../categories/category.entity.js';
import type { Config } from '../config.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { DeadlineState } from '../work-orders/work-order.entity.js';
import { atRiskFrom, deadlineStateAt, dueAt } from './deadline.js';
import { defaultCalendarSpec, WorkingCalendar } from './working-calendar.js';

export class SlaService {
  private calendar: WorkingCalendar;
  private loadedAt = -Infinity;

  constructor(
    private readonly settings: Pick<SettingsService, 'get'> & Partial<Pick<SettingsService, 'onChange'>>,
    private readonly config: Pick<Config, 'timeZone' | 'atRiskShare'>,
  ) {
    this.calendar = new WorkingCalendar(defaultCalendarSpec(config.timeZone));
    // An edit, on this instance or another, is read at the next deadline.
    settings.onChange?.(() => (this.loadedAt = -Infinity));
  }

  /** Re-reads the setting when it changes (and at least once a minute, as a safety net). */
  async workingCalendar(): Promise<WorkingCalendar> {
    if (Date.now() - this.loadedAt < 60_000) return this.calendar;
    this.calendar = new WorkingCalendar({ ...(await this.settings.get('workingCalendar')), timeZone: this.config.timeZone });
    this.loadedAt = Date.now();
    return this.calendar;
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
