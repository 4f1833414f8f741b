import { EventEmitter } from 'node:events';

/** A change other screens should hear about live (SSE). `audience` scopes who may receive it. */
export interface LiveEvent {
  type: string; // work_order.created, work_order.updated, route.changed…
  workOrderId?: string;
  crewId?: string | null;
  wardCode?: string;
  data?: Record<string, unknown>;
}

/** In-process publish/subscribe; the live-updates module fans it out to SSE clients. */
export class EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  publish(event: LiveEvent): void {
    this.emitter.emit('event', event);
  }
  subscribe(listener: (e: LiveEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
