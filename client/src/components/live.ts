/**
 * Live updates over Server-Sent Events (/api/live). EventSource reconnects by
 * itself and resends Last-Event-ID; screens just say what to refresh.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'unavailable';

export interface LiveMessage {
  type: string;
  data: unknown;
}

export function useLive(onMessage: (m: LiveMessage) => void, url = '/api/live'): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const handler = useRef(onMessage);
  handler.current = onMessage;

  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setState('unavailable');
      return;
    }
    const es = new EventSource(url, { withCredentials: true });
    const deliver = (type: string) => (e: MessageEvent) => {
      let data: unknown = e.data;
      try {
        data = JSON.parse(e.data);
      } catch {
        // plain-text event
      }
      handler.current({ type, data });
    };
    es.onopen = () => setState('live');
    es.onerror = () => {
      // The server answering 404 (no live stream deployed) closes the source for good.
      setState(es.readyState === EventSource.CLOSED ? 'unavailable' : 'reconnecting');
    };
    es.onmessage = deliver('message');
    // The server names each event by its type (server/live/live.routes.ts); EventSource only delivers names it is told.
    const named = ['work_order.created', 'work_order.updated', 'work_order.left_route', 'work_order.assignment', 'route.changed', 'plan.drafted', 'deadline.changed', 'crew.notified', 'hotspot.suggested', 'resync'];
    for (const n of named) es.addEventListener(n, deliver(n) as EventListener);
    return () => es.close();
  }, [url]);

  return state;
}
