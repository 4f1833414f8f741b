import { expect } from 'chai';
import supertest from 'supertest';
import { testApp, type TestApp } from '../support/app.js';

/** The CSP's script-src of a response. */
function scriptSrc(res: { headers: Record<string, string> }): string {
  const csp = String(res.headers['content-security-policy'] ?? '');
  return /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1]?.trim() ?? '';
}

describe('API docs page', () => {
  let t: TestApp;
  before(async () => (t = await testApp()));
  after(() => t.close());

  it("When /api/docs is loaded, then it runs under script-src 'self' like the rest of the app and its script is a file that answers JavaScript", async () => {
    const page = await supertest(t.app).get('/api/docs');
    expect(page.status).to.equal(200);
    expect(page.type).to.equal('text/html');
    expect(scriptSrc(page)).to.equal("'self'");
    expect(page.text).not.to.match(/<script>/);
    const src = /<script src="([^"]+)"/.exec(page.text)?.[1];
    expect(src, 'script tag').to.be.a('string');
    const script = await supertest(t.app).get(src!);
    expect(script.status).to.equal(200);
    expect(script.type).to.match(/^(text|application)\/javascript$/);
    expect(script.text).to.contain("fetch('/api/openapi.json')");
  });

  it("When any other page is served, then its CSP is the same script-src 'self'", async () => {
    expect(scriptSrc(await supertest(t.app).get('/healthz'))).to.equal("'self'");
  });
});
