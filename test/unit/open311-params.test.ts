import { expect } from 'chai';
import { Open311Error } from '../../server/open311/open311.format.js';
import {
  attributesOf,
  contactOf,
  fixMyStreetReportUrl,
  locationOf,
  mediaUrlsOf,
  requestsWindow,
  residentUpdateOf,
  updatesWindow,
  workOrderStateFilter,
} from '../../server/open311/open311.params.js';

const NOW = new Date('2026-11-24T10:00:00.000Z');

function refused(run: () => unknown): Open311Error {
  try {
    run();
  } catch (e) {
    if (e instanceof Open311Error) return e;
    throw e;
  }
  throw new Error('expected an Open311Error');
}

describe('Open311 parameters', () => {
  describe('date windows', () => {
    it('When GET requests gives no dates, then the 90 days up to now; with only start_date, 90 days from it but not past now', () => {
      expect(requestsWindow({}, NOW, 'Europe/London')).to.deep.equal({ start: '2026-08-26T10:00:00.000Z', end: '2026-11-24T10:00:00.000Z' });
      expect(requestsWindow({ start_date: '2026-11-01T00:00:00Z' }, NOW, 'Europe/London')).to.deep.equal({ start: '2026-11-01T00:00:00.000Z', end: '2026-11-24T10:00:00.000Z' });
      expect(requestsWindow({ start_date: '2026-06-01T00:00:00Z' }, NOW, 'Europe/London').end).to.equal('2026-08-30T00:00:00.000Z');
    });

    it('When a date has no offset, then it is the configured council time zone, not always London', () => {
      expect(requestsWindow({ start_date: '2026-11-01T00:00:00', end_date: '2026-11-02' }, NOW, 'Europe/London')).to.deep.equal({ start: '2026-11-01T00:00:00.000Z', end: '2026-11-02T00:00:00.000Z' });
      expect(requestsWindow({ start_date: '2026-11-01T00:00:00', end_date: '2026-11-02' }, NOW, 'Europe/Paris')).to.deep.equal({ start: '2026-10-31T23:00:00.000Z', end: '2026-11-01T23:00:00.000Z' });
      expect(updatesWindow({ start_date: '2026-11-24T09:00' }, NOW, 'Europe/Paris').start).to.equal('2026-11-24T08:00:00.000Z');
      const update = { service_request_id: 'KB-26-000001', update_id: '78', status: 'open', description: 'Still there', updated_datetime: '2026-11-24T09:00:00' };
      expect(residentUpdateOf(update, 'Europe/Paris').updatedAt).to.equal('2026-11-24T08:00:00.000Z');
      expect(residentUpdateOf({ ...update, updated_datetime: '2026-11-24T09:00:00Z' }, 'Europe/Paris').updatedAt, 'an offset wins').to.equal('2026-11-24T09:00:00.000Z');
    });

    it('When GET servicerequestupdates gives no dates, then the last day; a window over 90 days or backwards is 400', () => {
      expect(updatesWindow({}, NOW, 'Europe/London')).to.deep.equal({ start: '2026-11-23T10:00:00.000Z', end: '2026-11-24T10:00:00.000Z' });
      expect(refused(() => updatesWindow({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-11-01T00:00:00Z' }, NOW, 'Europe/London')).status).to.equal(400);
      expect(refused(() => requestsWindow({ start_date: '2026-11-02T00:00:00Z', end_date: '2026-11-01T00:00:00Z' }, NOW, 'Europe/London')).message).to.contain('before start_date');
    });
  });

  it('When status is open, closed, both or something else, then the filter is open, closed, none, or 400', () => {
    expect(workOrderStateFilter({ status: 'Open' })).to.equal('open');
    expect(workOrderStateFilter({ status: 'closed' })).to.equal('closed');
    expect(workOrderStateFilter({ status: 'open,closed' })).to.equal(undefined);
    expect(workOrderStateFilter({})).to.equal(undefined);
    expect(refused(() => workOrderStateFilter({ status: 'fixed' })).status).to.equal(400);
  });

  it('When a location is lat and long, or a postcode inside address_string, then it is read; half a pair or neither is 400', () => {
    expect(locationOf({ lat: '53.4142', long: '-2.9448' })).to.deep.equal({ lat: 53.4142, lng: -2.9448, addressString: null, postcode: null });
    expect(locationOf({ address_string: '12 Sheil Road, Liverpool l7 6lf' })).to.include({ lat: null, postcode: 'L7 6LF' });
    expect(refused(() => locationOf({ lat: '53.4' })).message).to.contain('together');
    expect(refused(() => locationOf({ lat: '91', long: '0' })).message).to.contain('WGS84');
    expect(refused(() => locationOf({ address_string: 'Sheil Road' })).message).to.contain('location is required');
  });

  it('When attributes arrive nested or as flat keys, then both are read', () => {
    expect(attributesOf({ attribute: { size: 'small' }, 'attribute[waste_type][]': ['bags'] })).to.deep.equal({ size: 'small', waste_type: ['bags'] });
  });

  it('When contact details fail their checks, then they are dropped rather than refused', () => {
    expect(contactOf({ first_name: 'Ada', last_name: 'Lovelace', email: 'not an email', phone: '0151 233 3000' })).to.deep.equal({ name: 'Ada Lovelace', email: null, phone: '0151 233 3000' });
    expect(contactOf({ email: '' })).to.equal(null);
  });

  it('When media_url is not an http(s) URL, then 400; FixMyStreet’s url line gives the report id', () => {
    expect(mediaUrlsOf({ media_url: ['https://fms.example/p/1.jpg', ' '] })).to.deep.equal(['https://fms.example/p/1.jpg']);
    expect(refused(() => mediaUrlsOf({ media_url: 'ftp://fms.example/p.jpg' })).status).to.equal(400);
    expect(fixMyStreetReportUrl('title: Bags\n\nurl: https://www.fixmystreet.com/report/123\n\nSubmitted via FixMyStreet')).to.deep.equal({ url: 'https://www.fixmystreet.com/report/123', reportId: '123' });
  });

  it('When a resident update is posted, then its status is lower-cased and checked, and it needs a description or a photo', () => {
    const base = { service_request_id: 'KB-26-000001', update_id: '77', updated_datetime: '2026-11-24T09:00:00Z' };
    expect(residentUpdateOf({ ...base, status: 'FIXED', description: 'Gone now' }, 'Europe/London')).to.deep.equal({
      reference: 'KB-26-000001', externalUpdateId: '77', status: 'fixed', updatedAt: '2026-11-24T09:00:00.000Z', description: 'Gone now', mediaUrl: null,
    });
    expect(refused(() => residentUpdateOf({ ...base, status: 'sorted' }, 'Europe/London')).message).to.contain('not an Open311 update status');
    expect(refused(() => residentUpdateOf({ ...base, status: 'open' }, 'Europe/London')).message).to.equal('description is required.');
  });
});
