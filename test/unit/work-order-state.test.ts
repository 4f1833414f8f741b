import { expect } from 'chai';
import { AppError } from '../../server/errors.js';
import { assertTransition, canTransition, CLOSED_NOT_FIXED_STATUSES, FIXED_STATUSES, OPEN_STATUSES, TRANSITIONS, WORK_ORDER_STATUSES } from '../../server/work-orders/work-order.state.js';

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
});
