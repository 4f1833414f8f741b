import { expect } from 'chai';
import supertest from 'supertest';
import { testApp, type TestApp } from '../support/app.js';

describe('broken multipart bodies', () => {
  let t: TestApp;
  before(async () => (t = await testApp()));
  after(() => t.close());

  const broken = [
    ['no boundary', 'multipart/form-data', 'hello'],
    ['a part cut off', 'multipart/form-data; boundary=XYZ', '--XYZ\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff'],
    ['a malformed part header', 'multipart/form-data; boundary=XYZ', '--XYZ\r\nthis is not a header\r\n\r\nvalue\r\n--XYZ--\r\n'],
  ] as const;

  for (const [what, contentType, body] of broken) {
    it(`When a resident's report arrives with ${what}, then 400 INVALID_UPLOAD, not a 500`, async () => {
      const res = await supertest(t.app).post('/api/reports').set('content-type', contentType).send(body);
      expect(res.status, JSON.stringify(res.body)).to.be.within(400, 499);
      if (res.status === 400) expect(res.body.error.code).to.be.oneOf(['INVALID_UPLOAD', 'VALIDATION_FAILED']);
    });
  }
});
