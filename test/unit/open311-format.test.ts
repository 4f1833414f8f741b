import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import { escapeXmlText, open311DateTime, Open311Error, parseOpen311DateTime, toOpen311Error, toXml, XmlList } from '../../server/open311/open311.format.js';
import { open311Status } from '../../server/open311/open311.status.js';
import { CLOSED_NOT_FIXED_STATUSES, OPEN_STATUSES, WORK_ORDER_STATUSES } from '../../server/work-orders/work-order.state.js';
import { AppError, ConflictError, UnprocessableError } from '../../server/errors.js';

const LONDON = 'Europe/London';

describe('Open311 status mapping', () => {
  it('When any work-order status is mapped, then open statuses are "open" and every other status is "closed"', () => {
    for (const s of WORK_ORDER_STATUSES) expect(open311Status(s).status, s).to.equal(OPEN_STATUSES.includes(s) ? 'open' : 'closed');
  });

  it('When a work order closed without being fixed, then its extended status is never "fixed" nor the bare "closed"', () => {
    for (const s of CLOSED_NOT_FIXED_STATUSES) expect(open311Status(s).extended, s).to.not.be.oneOf(['fixed', 'closed']);
    expect(WORK_ORDER_STATUSES.filter((s) => open311Status(s).extended === 'fixed')).to.deep.equal(['completed']);
  });

  it('When statuses are mapped, then each gets the mySociety value FixMyStreet understands', () => {
    expect(open311Status('new').extended).to.equal('open');
    expect(open311Status('accepted').extended).to.equal('investigating');
    expect(open311Status('scheduled').extended).to.equal('action_scheduled');
    expect(open311Status('assigned').extended).to.equal('action_scheduled');
    expect(open311Status('in_progress').extended).to.equal('in_progress');
    expect(open311Status('duplicate').extended).to.equal('duplicate');
    expect(open311Status('not_responsible').extended).to.equal('not_councils_responsibility');
    expect(open311Status('not_completed').extended).to.equal('no_further_action');
    expect(open311Status('rejected').extended).to.equal('no_further_action');
    expect(open311Status('cancelled').extended).to.equal('cancelled');
    expect(open311Status('reopened')).to.include({ status: 'open', extended: 'reopen' });
    expect(open311Status(null)).to.include({ status: 'open', extended: 'open' });
  });
});

describe('Open311 wire format', () => {
  it('When text holds markup, control characters and CRLF, then the XML parses back to the same text minus the control characters', () => {
    const text = 'title: <b>Sofa</b> & "chair"\r\n\r\ndetail: café \u0001bell\u0007 🚮';
    const xml = toXml('r', { description: text });
    const parsed = new XMLParser({ parseTagValue: false, htmlEntities: true }).parse(xml);
    expect(parsed.r.description).to.equal('title: <b>Sofa</b> & "chair"\r\n\r\ndetail: café bell 🚮');
    expect(escapeXmlText('a\rb')).to.equal('a&#13;b');
  });

  it('When a record holds lists, nulls and booleans, then lists repeat their child element and nulls are empty elements', () => {
    const xml = toXml('services', new XmlList('service', [{ code: 'a', metadata: true, description: null }, { code: 'b', metadata: false, description: 'x' }]));
    expect(xml).to.equal(
      '<?xml version="1.0" encoding="utf-8"?>\n<services><service><code>a</code><metadata>true</metadata><description/></service><service><code>b</code><metadata>false</metadata><description>x</description></service></services>\n',
    );
  });

  it('When an instant is written, then it carries the council offset: +00:00 in winter, +01:00 in summer', () => {
    expect(open311DateTime('2026-11-24T10:00:00.000Z', 'Europe/London')).to.equal('2026-11-24T10:00:00+00:00');
    expect(open311DateTime('2026-06-01T10:00:00.000Z', 'Europe/London')).to.equal('2026-06-01T11:00:00+01:00');
    expect(open311DateTime('2026-03-29T00:59:59.000Z', 'Europe/London')).to.equal('2026-03-29T00:59:59+00:00');
    expect(open311DateTime('2026-03-29T01:00:00.000Z', 'Europe/London')).to.equal('2026-03-29T02:00:00+01:00');
    expect(open311DateTime(null, 'Europe/London')).to.equal(null);
  });

  it('When a client sends dates with Z, an offset, a "+" turned into a space, or no time, then each is read as the right instant', () => {
    expect(parseOpen311DateTime('2026-06-01T11:00:00+01:00', 'start_date', LONDON)).to.equal('2026-06-01T10:00:00.000Z');
    expect(parseOpen311DateTime('2026-06-01T11:00:00 01:00', 'start_date', LONDON)).to.equal('2026-06-01T10:00:00.000Z');
    expect(parseOpen311DateTime('2026-06-01T11:00:00+0100', 'start_date', LONDON)).to.equal('2026-06-01T10:00:00.000Z');
    expect(parseOpen311DateTime('2026-06-01T10:00:00Z', 'start_date', LONDON)).to.equal('2026-06-01T10:00:00.000Z');
    expect(parseOpen311DateTime('2026-06-01T10:00:00.250Z', 'start_date', LONDON)).to.equal('2026-06-01T10:00:00.250Z');
    // Without an offset: UK local time (BST in June, GMT in November).
    expect(parseOpen311DateTime('2026-06-01', 'start_date', LONDON)).to.equal('2026-05-31T23:00:00.000Z');
    expect(parseOpen311DateTime('2026-06-01T11:00:00', 'start_date', LONDON)).to.equal('2026-06-01T10:00:00.000Z');
    expect(parseOpen311DateTime('2026-11-24T10:00:00', 'start_date', LONDON)).to.equal('2026-11-24T10:00:00.000Z');
    expect(parseOpen311DateTime('', 'start_date', LONDON)).to.equal(null);
    for (const bad of ['yesterday', '2026-13-01T00:00:00Z', '2026-06-01T25:00:00Z', '2026-02-30T10:00:00Z', '2026-02-30', '2026-04-31T00:00:00+01:00', '2026-06-01T10:60:00Z', ['a', 'b']]) {
      expect(() => parseOpen311DateTime(bad, 'start_date', LONDON), String(bad)).to.throw(Open311Error).with.property('status', 400);
    }
  });

  it('When the app raises its own errors, then Open311 sees only 400, 403, 404 or a bare 500', () => {
    expect(toOpen311Error(new UnprocessableError('OUTSIDE_AREA', 'Outside.')).status).to.equal(400);
    expect(toOpen311Error(new ConflictError('STALE_VERSION', 'Stale.')).status).to.equal(400);
    expect(toOpen311Error(new AppError(401, 'INVALID_API_KEY', 'Bad key.')).status).to.equal(403);
    const unknown = toOpen311Error(new Error('SQLITE_ERROR: no such table secret_stuff'));
    expect(unknown.status).to.equal(500);
    expect(unknown.message).to.not.contain('secret_stuff');
  });
});
