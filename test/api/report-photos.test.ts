/**
 * Residents' report photos are checked and stored before the 201 and
 * rendered afterwards (server/photos/photo.service.ts prepareDeferred /
 * renderSoon). These tests pin what that must still guarantee: bad bytes are
 * refused up front, nothing acknowledged is lost, a photo asked for before
 * its turn is rendered on demand, the upload with its EXIF does not outlive
 * the rendering, and pixels that prove unreadable later cost the photo, never
 * the report.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import exifr from 'exifr';
import sharp from 'sharp';
import { PhotoEntity, type Photo } from '../../server/photos/photo.entity.js';
import { FilesystemPhotoStore } from '../../server/photos/photo-store.js';
import { uploadMemoryInUse } from '../../server/photos/photo-upload.js';
import { ServiceRequestEntity } from '../../server/intake/service-request.entity.js';
import { testApp, type TestApp } from '../support/app.js';
import { SHEIL_ROAD } from '../support/fixtures.js';
import { jpegCorruptInTheMiddle } from '../support/photos.js';
import { multipartReport } from '../support/reports.js';
import { PHOTO_DIR, photoFile } from './crew-job-builders.js';

/** Multipart report of litter a little way along Sheil Road, with the given photo bytes. */
function report(t: TestApp, bytes: Buffer, offset: number) {
  return multipartReport(t.anon(), { lat: SHEIL_ROAD.lat + offset * 0.001 }).attach('photos', bytes, 'photo.jpg');
}

describe('report photos: checked before the answer, rendered after it', () => {
  let t: TestApp;
  let store: FilesystemPhotoStore;
  const photosOf = async (reference: string): Promise<Photo[]> => {
    const sr = await t.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference });
    return t.deps.db.manager.getRepository(PhotoEntity).findBy({ requestId: sr.id });
  };

  before(async () => {
    t = await testApp({ env: { REPORT_RATE_PER_MINUTE: '1000' } });
    store = new FilesystemPhotoStore(path.join(t.dataDir, 'photos'));
  });
  after(() => t.close());

  it('When a report with a GPS-tagged photo is answered, then the upload is on disk; once rendered, the copies exist, are upright-sized, carry no EXIF, and the upload is gone', async () => {
    const res = await report(t, photoFile('gps/spatialite_DSCN0042.jpg'), 0);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const [row] = await photosOf(res.body.reference);
    expect(row.kind).to.equal('report');
    expect(row.gpsLat, 'position read before the answer').to.be.a('number');
    expect(row.takenAt).to.be.a('string');
    if (row.pending) expect(existsSync(store.fileOf(row.sha256, 'original')), 'upload stored before the 201').to.equal(true);

    await t.deps.photos.rendered();
    const [done] = await photosOf(res.body.reference);
    expect(done.pending).to.equal(false);
    expect([done.width, done.height]).to.deep.equal([640, 480]);
    expect(existsSync(store.fileOf(done.sha256, 'original')), 'upload with its EXIF deleted').to.equal(false);
    const full = (await store.get(done.sha256, 'full'))!;
    expect(await exifr.gps(full).catch(() => undefined), 'no position in the stored copy').to.equal(undefined);
    expect((await sharp((await store.get(done.sha256, 'thumb'))!).metadata()).format).to.equal('webp');
  });

  it('When a resident attaches the same picture twice and a different one, then the report is stored with two photos, both rendered', async () => {
    const same = photoFile('gps/spatialite_DSCN0042.jpg');
    const res = await report(t, same, 4).attach('photos', same, 'again.jpg').attach('photos', photoFile('orientation/pillow_hopper_orientation_6.jpg'), 'other.jpg');
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await t.deps.photos.rendered();
    const rows = await photosOf(res.body.reference);
    expect(rows).to.have.length(2);
    expect(new Set(rows.map((r) => r.sha256)).size).to.equal(2);
    for (const r of rows) {
      expect(r.workOrderId).to.equal(res.body.workOrderId);
      expect(r.pending).to.equal(false);
    }
  });

  it('When staff open a report photo before the queue has reached it, then it is rendered on the spot and served', async () => {
    const prepared = await t.deps.photos.prepareDeferred(photoFile('orientation/recurser_Portrait_8.jpg'), { ownerKey: 'test:on-demand', kind: 'report' });
    expect(prepared.row.pending).to.equal(true);
    expect([prepared.row.width, prepared.row.height], 'size as it will be rendered, upright').to.deep.equal([1200, 1800]);
    await t.deps.db.manager.getRepository(PhotoEntity).insert(prepared.row as never);
    const dispatcher = await t.as('dispatcher');
    const res = await dispatcher.get(`/api/photos/${prepared.row.id}?size=full`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('image/jpeg');
    const meta = await sharp(res.body as Buffer).metadata();
    expect([meta.width, meta.height]).to.deep.equal([1200, 1800]);
    const row = await t.deps.db.manager.getRepository(PhotoEntity).findOneByOrFail({ id: prepared.row.id });
    expect(row.pending).to.equal(false);
  });

  it('When the server restarts with photos acknowledged but not rendered, then resumePending renders them', async () => {
    const repo = t.deps.db.manager.getRepository(PhotoEntity);
    const a = await t.deps.photos.prepareDeferred(photoFile('orientation/pillow_hopper_orientation_6.jpg'), { ownerKey: 'test:resume-a', kind: 'report' });
    const b = await t.deps.photos.prepareDeferred(photoFile('gps/spatialite_Apple-iPhone-4.jpg'), { ownerKey: 'test:resume-b', kind: 'report' });
    await repo.insert([a.row, b.row] as never);
    expect(await t.deps.photos.resumePending()).to.be.at.least(2);
    await t.deps.photos.rendered();
    for (const id of [a.row.id, b.row.id]) {
      const row = await repo.findOneByOrFail({ id });
      expect(row.pending).to.equal(false);
      expect(row.flags).to.not.include('unreadable');
      expect(await store.exists(row.sha256, 'full')).to.equal(true);
    }
  });

  it('When the pixels prove unreadable after the answer, then the photo is flagged and not served, and the report stands', async () => {
    const res = await report(t, await jpegCorruptInTheMiddle(), 2);
    expect(res.status, 'headers and end marker were fine, so it was accepted').to.equal(201);
    await t.deps.photos.rendered();
    const [row] = await photosOf(res.body.reference);
    expect(row.pending).to.equal(false);
    expect(row.flags).to.include('unreadable');
    expect(existsSync(store.fileOf(row.sha256, 'original'))).to.equal(false);
    const dispatcher = await t.as('dispatcher');
    const served = await dispatcher.get(`/api/photos/${row.id}`);
    expect(served.status).to.equal(404);
    expect(served.body.error.code).to.equal('PHOTO_UNREADABLE');
    const wo = await dispatcher.get(`/api/work-orders/${res.body.workOrderId}`);
    expect(wo.status).to.equal(200);
  });

  describe('bad bytes are still refused before the answer', () => {
    for (const file of readdirSync(path.join(PHOTO_DIR, 'malformed')).sort()) {
      it(`When malformed/${file} is sent with a report, then 4xx and no report is stored`, async () => {
        const before = await t.deps.db.manager.getRepository(ServiceRequestEntity).count();
        const res = await report(t, photoFile(`malformed/${file}`), 3);
        expect(res.status, JSON.stringify(res.body)).to.be.within(400, 499);
        expect(res.body.error.code).to.be.oneOf(['INVALID_IMAGE', 'IMAGE_TOO_SMALL', 'UNSUPPORTED_MEDIA_TYPE', 'VALIDATION_FAILED']);
        expect(await t.deps.db.manager.getRepository(ServiceRequestEntity).count()).to.equal(before);
      });
    }

    it('When a JPEG is cut off in transfer (no end marker), then 422 INVALID_IMAGE', async () => {
      const whole = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#446688' } }).jpeg().toBuffer();
      const res = await report(t, whole.subarray(0, Math.floor(whole.length * 0.8)), 4);
      expect(res.status).to.equal(422);
      expect(res.body.error.code).to.equal('INVALID_IMAGE');
    });
  });

  describe('upload memory', () => {
    let small: TestApp;
    before(async () => {
      // Room for no photo in memory: every upload takes the temp-file path.
      small = await testApp({ env: { REPORT_RATE_PER_MINUTE: '1000', UPLOAD_MEMORY_MB: '0' } });
    });
    after(() => small.close());

    it('When the memory budget is used up, then uploads go through temp files, work the same, and leave no file behind', async () => {
      const res = await report(small, photoFile('gps/spatialite_DSCN0042.jpg'), 5);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      await small.deps.photos.rendered();
      const [row] = await (async () => {
        const sr = await small.deps.db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference: res.body.reference });
        return small.deps.db.manager.getRepository(PhotoEntity).findBy({ requestId: sr.id });
      })();
      expect(row.pending).to.equal(false);
      const temp = path.join(small.dataDir, 'tmp', 'uploads');
      expect(existsSync(temp), 'the temp-file path was taken').to.equal(true);
      expect(readdirSync(temp)).to.deep.equal([]);
    });

    it('When reports with photos are answered, then their upload memory is given back', async () => {
      await Promise.all([0, 1, 2].map((i) => report(t, photoFile('orientation/pillow_hopper.jpg'), 6 + i * 0.1)));
      expect(uploadMemoryInUse(t.deps.config)).to.equal(0);
    });
  });
});
