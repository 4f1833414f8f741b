import { expect } from 'chai';
import { geometryProblems, overlapsAny } from '../../server/zones/zone-geometry.js';

const sq = (x: number, y: number, d: number): number[][] => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
const poly = (...rings: number[][][]): GeoJSON.Polygon => ({ type: 'Polygon', coordinates: rings });

describe('zone geometry checks', () => {
  it('When a polygon has a closed outer ring and a hole inside it, then there is no problem', () => {
    expect(geometryProblems(poly(sq(0, 0, 10), sq(2, 2, 2)))).to.deep.equal([]);
  });

  it('When rings are open, short, flat, crossing or off the globe, then each problem names its ring or position', () => {
    expect(geometryProblems(poly([[0, 0], [1, 0], [1, 1], [0, 1]]))[0].field).to.equal('boundary.coordinates.0');
    expect(geometryProblems(poly([[0, 0], [1, 1], [0, 0]]))[0].message).to.contain('at least 4');
    expect(geometryProblems(poly([[0, 0], [1, 0], [2, 0], [0, 0]]))[0].message).to.contain('no area');
    expect(geometryProblems(poly([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]))[0].message).to.contain('crosses itself');
    expect(geometryProblems(poly([[0, 0], [1, 0], [1, 91], [0, 0]]))[0].field).to.equal('boundary.coordinates.0.2');
    const multi: GeoJSON.MultiPolygon = { type: 'MultiPolygon', coordinates: [[sq(0, 0, 1)], [sq(5, 5, 1).slice(0, 4)]] };
    expect(geometryProblems(multi).map((p) => p.field)).to.deep.equal(['boundary.coordinates.1.0']);
  });

  it('When a zone lies inside, around, across or away from a ward, then overlap is found only when they share ground', () => {
    const ward = poly(sq(0, 0, 10));
    expect(overlapsAny(poly(sq(2, 2, 1)), [ward]), 'inside').to.equal(true);
    expect(overlapsAny(poly(sq(-5, -5, 30)), [ward]), 'around').to.equal(true);
    // A thin cross-shaped strip whose corners all lie outside the ward, and no ward corner inside it.
    expect(overlapsAny(poly([[-1, 4], [11, 4], [11, 5], [-1, 5], [-1, 4]]), [ward]), 'across').to.equal(true);
    expect(overlapsAny(poly(sq(20, 20, 1)), [ward]), 'away').to.equal(false);
  });
});
