/** Every query on app_user and ward_subscription. */
import type { Database } from '../../db/data-source.js';

export class UserRepository {
  constructor(private readonly db: Database) {}

  // ── users and auth




  // ── weekly reports (councillors to send to)




  // ── seeds




}
