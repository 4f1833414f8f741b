/**
 * Ids for rows written on the intake path (work orders, service requests,
 * photos). UUIDv7 (RFC 9562) starts with the time in milliseconds, so each
 * new id sorts after the last: the primary-key index and every index keyed
 * by a work order's id grow at their end instead of touching a random page
 * per insert (under the intake benchmark an intake COMMIT went from 250 to
 * 195 µs). The id shows when the row was made, which its own created_at
 * says anyway; 74 random bits keep it unguessable. Capability tokens
 * (tracking links, API keys) do not use it.
 */
import { v7 } from 'uuid';

export function newRowId(): string {
  return v7();
}
