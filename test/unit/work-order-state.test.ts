import { expect } from 'chai';
import { AppError } from '../../server/errors.js';
import {
  assertTransition, canTransition, CLOSED_NOT_FIXED_STATUSES, FIXED_STATUSES, OPEN_STATUSES, TRANSITION_EFFECTS, TRANSITIONS, WORK_ORDER_STATUSES,
} from '../../server/work-orders/work-order.state.js';

describe('work-order state machine', () => {
  it('When every status is listed, then each is exactly one of open, fixed or closed-not-fixed', () => {
    for (const s of WORK_ORDER_STATUSES) {
      const groups = [OPEN_STATUSES.includes(s), FIXED_STATUSES.includes(s), CLOSED_NOT_FIXED_STATUSES.includes(s)].filter(Boolean);
      expect(groups, s).to.have.length(1);
    }
  });

  it('When following the happy path, then new → accepted → scheduled → assigned → in_progress → completed is allowed', () => {
    const path = ['new', 'accepted', 'scheduled', 'assigned', 'in_progress', 'completed'] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1], path[i]), `${path[i - 1]}→${path[i]}`).to.equal(true);
  });

  for (const from of WORK_ORDER_STATUSES) {
    for (const to of WORK_ORDER_STATUSES) {
      const allowed = TRANSITIONS[from].includes(to);
      it(`When going ${from} → ${to}, then it is ${allowed ? 'allowed' : 'refused with INVALID_TRANSITION'}`, () => {
        if (allowed) expect(() => assertTransition(from, to)).not.to.throw();
        else {
          try {
            assertTransition(from, to);
            expect.fail('should refuse');
          } catch (e) {
            expect(e).to.be.instanceOf(AppError);
            expect((e as AppError).status).to.equal(409);
            expect((e as AppError).code).to.equal('INVALID_TRANSITION');
            expect((e as AppError).message).to.contain(from).and.to.contain(to);
          }
        }
      });
    }
  }

  it('When a job is closed without fixing, then it can never jump to completed without being reopened (except a partial finished later)', () => {
    for (const s of ['not_completed', 'rejected', 'cancelled', 'duplicate', 'not_responsible'] as const) expect(canTransition(s, 'completed')).to.equal(false);
  });

  describe('what each status sets on entry', () => {
    const at = '2026-03-02T10:15:00.000Z';

    it('When a job goes in progress, then it is stamped as started at the step time', () => {
      expect(TRANSITION_EFFECTS.in_progress({ at })).to.deep.equal({ startedAt: at });
    });

    it('When a job is completed, then it is completed and closed at the step time, with no reason code and the crew\'s note', () => {
      expect(TRANSITION_EFFECTS.completed({ at, outcome: { note: 'Cleared, 4 bags' } })).to.deep.equal({
        completedAt: at, closedAt: at, outcomeReason: null, outcomeNote: 'Cleared, 4 bags',
      });
    });

    for (const status of CLOSED_NOT_FIXED_STATUSES) {
      it(`When a job is closed as ${status}, then it is closed at the step time with the given reason and note`, () => {
        expect(TRANSITION_EFFECTS[status]({ at, outcome: { reason: 'no_access', note: 'Gate locked' } })).to.deep.equal({
          closedAt: at, outcomeReason: 'no_access', outcomeNote: 'Gate locked',
        });
        expect(TRANSITION_EFFECTS[status]({ at })).to.deep.equal({ closedAt: at, outcomeReason: null, outcomeNote: null });
      });
    }

    it('When a job is reopened, then its closure time and outcome are cleared', () => {
      expect(TRANSITION_EFFECTS.reopened({ at, outcome: { reason: 'x', note: 'y' } })).to.deep.equal({ closedAt: null, outcomeReason: null, outcomeNote: null });
    });

    it('When a job moves between open statuses other than in progress, then no field changes with it', () => {
      for (const status of ['new', 'accepted', 'scheduled', 'assigned'] as const) expect(TRANSITION_EFFECTS[status]({ at }), status).to.deep.equal({});
    });

    it('When any status is entered, then every closed status stamps closedAt and no open one does', () => {
      for (const status of WORK_ORDER_STATUSES) {
        const effects = TRANSITION_EFFECTS[status]({ at });
        expect('closedAt' in effects && effects.closedAt === at, status).to.equal(!OPEN_STATUSES.includes(status));
      }
    });
  });
});
