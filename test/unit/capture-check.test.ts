import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { captureWarnings } from '../../client/src/crew/capture-rules.js';
import { exifFacts } from '../../client/src/crew/exif.js';

const JOB = { lat: 53.4142, lng: -2.9448 };
const NOW = Date.parse('2026-11-24T10:00:00Z');

describe('crew tablet: warnings at capture', () => {
  it('When a photo carries EXIF, then its capture time and GPS position are read as the server reads them', () => {
    const f = exifFacts(new Uint8Array(readFileSync('test/fixtures/crew/after.jpg')));
    expect(new Date(f.takenAt!).toISOString()).to.match(/^2015-06-12T/);
    expect(f.lat).to.be.closeTo(37.7468, 1e-3);
    expect(f.lng).to.be.closeTo(-119.5299, 1e-3);
    expect(exifFacts(new Uint8Array(readFileSync('test/fixtures/photos/orientation/pillow_hopper.jpg')))).to.deep.equal({ takenAt: null, lat: null, lng: null });
    expect(exifFacts(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0, 4]))).to.deep.equal({ takenAt: null, lat: null, lng: null });
  });

  it('When a photo is old, far or has no position, then the crew is told each in words; on the spot and just taken, nothing', () => {
    expect(captureWarnings(JOB, { ...JOB }, NOW - 60_000, NOW)).to.deep.equal([]);
    const far = captureWarnings(JOB, { lat: 53.43, lng: -2.9448 }, NOW, NOW);
    expect(far.map((w) => w.code)).to.deep.equal(['far']);
    expect(far[0]!.text).to.match(/You are 1\.[0-9] km from the job/);
    expect(captureWarnings(JOB, null, NOW - 3 * 86_400_000, NOW).map((w) => w.text)).to.deep.equal([
      'The tablet cannot tell where it is, so the photo has no position.',
      'This photo was taken 3 days ago.',
    ]);
  });
});
