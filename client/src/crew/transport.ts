/**
 * Sends one outbox item to the crew API: multipart/form-data with the photo in
 * `photo` and every other field as one JSON string in `data`, the item's
 * Idempotency-Key on every attempt, the session's CSRF token. Turns whatever
 * happens into a SendResult; never throws.
 */
import { ApiError, request } from '../api.ts';
import type { OutboxItem, SendResult, Transport } from './queue.ts';

export const httpTransport: Transport = {
  async send(item: OutboxItem): Promise<SendResult> {
    const form = new FormData();
    if (item.photo) form.append('photo', item.photo, `${item.kind}.jpg`);
    form.append('data', JSON.stringify(item.data));
    try {
      const url = item.kind === 'survey' ? `/api/inspections/visits/${encodeURIComponent(item.jobId)}/survey` : `/api/crew/jobs/${encodeURIComponent(item.jobId)}/${item.kind}`;
      const body = await request<unknown>(url, {
        method: 'POST',
        body: form,
        headers: { 'Idempotency-Key': item.id },
      });
      return { kind: 'ok', status: 200, body };
    } catch (err) {
      if (err instanceof ApiError && err.status > 0) return { kind: 'http', status: err.status, code: err.code, message: err.message, details: err.details };
      return { kind: 'network', message: err instanceof Error ? err.message : String(err) };
    }
  },
};
