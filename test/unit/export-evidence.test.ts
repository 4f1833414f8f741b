import { expect } from 'chai';
import { evidenceStatus } from '../../server/exports/evidence-status.js';

describe('exports: evidence in words', () => {
  const photos = { hasBefore: true, hasAfter: true };

  it('When a fixed job’s photos are accepted, then the column says so plainly', () => {
    expect(evidenceStatus({ status: 'completed', evidenceStatus: 'accepted', evidenceFlags: [], ...photos })).to.equal('Before and after photos, checks passed');
  });

  it('When the office is still checking or has rejected the photos, then the column leads with that, not with "checks passed"', () => {
    expect(evidenceStatus({ status: 'completed', evidenceStatus: 'needs_review', evidenceFlags: ['far_from_job'], ...photos })).to.equal(
      'Being checked by the office: Before and after photos, flagged: taken far from the job',
    );
    expect(evidenceStatus({ status: 'completed', evidenceStatus: 'rejected', evidenceFlags: [], ...photos })).to.equal('Rejected by the office: Before and after photos, checks passed');
  });

  it('When an older row has no review status, then a flagged fix reads as being checked (the rule every public output follows)', () => {
    expect(evidenceStatus({ status: 'completed', evidenceStatus: null, evidenceFlags: ['no_gps'], ...photos })).to.match(/^Being checked by the office: /);
  });
});
