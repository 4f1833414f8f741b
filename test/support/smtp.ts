/**
 * A real SMTP server inside the test process (smtp-server) that keeps every
 * message it receives, parsed just enough for assertions: headers, decoded
 * text/html bodies and attachments. Point the app at it with
 * `testApp({ env: smtpEnv(smtp.port) })` or `createMailer(loadConfig(...smtpEnv(port)))`.
 *
 *   const smtp = await startSmtp();
 *   ... await smtp.waitFor((m) => m.to.includes('a@b.org'));
 *   await smtp.close();
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedAttachment {
  filename: string | null;
  contentType: string;
  content: Buffer;
}

export interface ReceivedMail {
  /** Envelope sender and recipients (what the SMTP conversation said). */
  envelopeFrom: string;
  to: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string | null;
  attachments: ReceivedAttachment[];
  raw: string;
}

export interface TestSmtp {
  port: number;
  messages: ReceivedMail[];
  /** While true, every message is refused with 550 (to test that a mail failure loses nothing). */
  refuse: boolean;
  waitFor(match?: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export function smtpEnv(port: number): Record<string, string> {
  return { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_IGNORE_TLS: 'true', SMTP_SECURE: 'false' };
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*/g, (_m, _charset: string, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
  const e = (encoding ?? '7bit').toLowerCase();
  if (e === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (e === 'quoted-printable') {
    const soft = body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
        bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
    return Buffer.from(bytes);
  }
  return Buffer.from(body, 'utf8');
}

function param(header: string | undefined, name: string): string | null {
  const m = header ? new RegExp(`${name}\\*?=("([^"]*)"|[^;\\s]+)`, 'i').exec(header) : null;
  return m ? decodeWords(m[2] ?? m[1]) : null;
}

function split(raw: string): { headers: Record<string, string>; body: string } {
  const m = /\r?\n\r?\n/.exec(raw);
  if (!m) return { headers: parseHeaders(raw), body: '' };
  return { headers: parseHeaders(raw.slice(0, m.index)), body: raw.slice(m.index + m[0].length) };
}

function walk(part: string, out: { text: string; html: string | null; attachments: ReceivedAttachment[] }): void {
  const { headers, body } = split(part);
  const type = (headers['content-type'] ?? 'text/plain').split(';')[0].trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = param(headers['content-type'], 'boundary');
    if (!boundary) return;
    const pieces = body.split(`--${boundary}`);
    for (const piece of pieces.slice(1)) {
      if (piece.startsWith('--')) break;
      walk(piece.replace(/^\r?\n/, ''), out);
    }
    return;
  }
  const content = decodeBody(body, headers['content-transfer-encoding']);
  const disposition = headers['content-disposition'] ?? '';
  const filename = param(disposition, 'filename') ?? param(headers['content-type'], 'name');
  if (disposition.toLowerCase().startsWith('attachment') || (filename && !type.startsWith('text/'))) {
    out.attachments.push({ filename, contentType: type, content });
  } else if (type === 'text/html') out.html = content.toString('utf8');
  else if (type === 'text/plain') out.text += content.toString('utf8');
}

export function parseMail(raw: string, envelopeFrom = '', to: string[] = []): ReceivedMail {
  const { headers } = split(raw);
  const out = { text: '', html: null as string | null, attachments: [] as ReceivedAttachment[] };
  walk(raw, out);
  return { envelopeFrom, to, headers, subject: decodeWords(headers.subject ?? ''), text: out.text.replace(/\r\n/g, '\n'), html: out.html, attachments: out.attachments, raw };
}

export async function startSmtp(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const waiters: { match: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }[] = [];
  const state = { refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (state.refuse) {
          const err = Object.assign(new Error('Mailbox unavailable (test refusal)'), { responseCode: 550 });
          return callback(err);
        }
        const mail = parseMail(
          Buffer.concat(chunks).toString('utf8'),
          session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          session.envelope.rcptTo.map((r) => r.address),
        );
        messages.push(mail);
        for (const w of [...waiters]) {
          if (w.match(mail)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(mail);
          }
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    get refuse() {
      return state.refuse;
    },
    set refuse(v: boolean) {
      state.refuse = v;
    },
    waitFor(match = () => true, timeoutMs = 5_000) {
      const already = messages.find(match);
      if (already) return Promise.resolve(already);
      return new Promise<ReceivedMail>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching mail within ${timeoutMs} ms (got ${messages.length})`)), timeoutMs);
        waiters.push({ match, resolve: (m) => { clearTimeout(timer); resolve(m); } });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
