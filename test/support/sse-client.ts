/** A real HTTP client reading a Server-Sent-Events stream and parsing it into messages. */
import http from 'node:http';

export interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

export class SseClient {
  readonly messages: SseMessage[] = [];
  status = 0;
  private req!: http.ClientRequest;
  private waiters: (() => void)[] = [];

  static open(url: string, headers: Record<string, string>): Promise<SseClient> {
    const client = new SseClient();
    return new Promise((resolve, reject) => {
      client.req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        client.status = res.statusCode ?? 0;
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let at: number;
          while ((at = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, at);
            buffer = buffer.slice(at + 2);
            const msg: SseMessage = {};
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) msg.comment = line.slice(1).trim();
              else if (line.startsWith('id: ')) msg.id = line.slice(4);
              else if (line.startsWith('event: ')) msg.event = line.slice(7);
              else if (line.startsWith('data: ')) msg.data = line.slice(6);
            }
            client.messages.push(msg);
            for (const w of client.waiters.splice(0)) w();
          }
        });
        resolve(client);
      });
      client.req.on('error', reject);
    });
  }

  async waitFor(predicate: (m: SseMessage) => boolean, timeoutMs = 5000): Promise<SseMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching SSE message; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  close(): void {
    this.req.destroy();
  }
}

