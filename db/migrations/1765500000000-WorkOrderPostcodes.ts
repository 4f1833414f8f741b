import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every work order gets a readable place: the nearest shipped postcode to its
 * point, for rows made before work orders stored one. Done in batches with the
 * same box-and-nearest rule as the postcode lookup (about 450 m north-south);
 * a point with no postcode that near (outside the shipped data) stays null.
 */
export class WorkOrderPostcodes1765500000000 implements MigrationInterface {
  name = 'WorkOrderPostcodes1765500000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const p = (i: number) => (pg ? `$${i}` : '?');
    const d = 0.004;
    for (;;) {
      const rows = (await q.query(`SELECT id, lat, lng FROM work_order WHERE postcode IS NULL AND id > ${p(1)} ORDER BY id LIMIT 500`, [this.after])) as { id: string; lat: number; lng: number }[];
      if (!rows.length) break;
      for (const r of rows) {
        const lat = Number(r.lat);
        const lng = Number(r.lng);
        const near = (await q.query(
          `SELECT display, lat, lng FROM postcode WHERE lat BETWEEN ${p(1)} AND ${p(2)} AND lng BETWEEN ${p(3)} AND ${p(4)}`,
          [lat - d, lat + d, lng - d * 1.7, lng + d * 1.7],
        )) as { display: string; lat: number; lng: number }[];
        const k = Math.cos((lat * Math.PI) / 180);
        let best: string | null = null;
        let bestD = Infinity;
        for (const c of near) {
          const dd = (Number(c.lat) - lat) ** 2 + ((Number(c.lng) - lng) * k) ** 2;
          if (dd < bestD) ((bestD = dd), (best = c.display));
        }
        if (best) await q.query(`UPDATE work_order SET postcode = ${p(1)} WHERE id = ${p(2)}`, [best, r.id]);
      }
      this.after = rows[rows.length - 1].id;
    }
  }

  private after = '';

  async down(): Promise<void> {
    // The postcodes filled in are true of their points; nothing to undo.
  }
}
