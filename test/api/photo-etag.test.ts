import { expect } from 'chai';
import { testApp, type TestApp } from '../support/app.js';
import { CREW1, jobFor, photoFile } from './crew-job-builders.js';

describe('photo revalidation: GET /api/photos/:id with If-None-Match', () => {
  let t: TestApp;
  let photoId: string;
  before(async () => {
    t = await testApp();
    const elsewhere = await jobFor(t.deps, { crew: CREW1, status: 'in_progress', wardCode: 'E05000886' });
    photoId = (await t.deps.photos.ingest(photoFile('orientation/pillow_hopper.jpg'), { ownerKey: `wo:${elsewhere.id}`, workOrderId: elsewhere.id, kind: 'before' })).id;
  });
  after(() => t.close());

  it('When the caller already has the photo (its ETag), then 304 with no body; another size or a stale tag gets the image', async () => {
    const office = await t.as('dispatcher');
    const first = await office.get(`/api/photos/${photoId}?size=thumb`).buffer(true);
    expect(first.status).to.equal(200);
    const etag = first.headers.etag as string;
    expect(etag).to.match(/^".+"$/);

    const again = await office.get(`/api/photos/${photoId}?size=thumb`).set('If-None-Match', etag).buffer(true);
    expect(again.status).to.equal(304);
    expect(again.headers.etag).to.equal(etag);
    expect(again.body.length ?? 0).to.equal(0);
    expect((await office.get(`/api/photos/${photoId}?size=thumb`).set('If-None-Match', `"stale", W/${etag}`)).status).to.equal(304);

    expect((await office.get(`/api/photos/${photoId}?size=full`).set('If-None-Match', etag)).status).to.equal(200);
    expect((await office.get(`/api/photos/${photoId}?size=thumb`).set('If-None-Match', '"stale"')).status).to.equal(200);
  });

  it('When someone who may not see the photo sends its ETag, then 404 as without it: a 304 would confirm the photo exists', async () => {
    const etag = (await (await t.as('dispatcher')).get(`/api/photos/${photoId}?size=thumb`)).headers.etag as string;
    const councillor = await t.as('councillor'); // the photo's job is outside their wards
    const res = await councillor.get(`/api/photos/${photoId}?size=thumb`).set('If-None-Match', etag);
    expect(res.status).to.equal(404);
  });
});
