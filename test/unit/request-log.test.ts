import { expect } from 'chai';
import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import supertest from 'supertest';
import { requestLog } from '../../server/http/request-log.js';

/** A real pino logger writing JSON lines into an array, behind a small app with the middleware. */
function appLogging(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level }, sink);
  const app = express();
  app.use((req, _res, next) => {
    req.id = 'req-1';
    next();
  });
  app.use(requestLog(logger, { ignore: (p) => p === '/healthz' }));
  app.use(express.json());
  app.post('/api/reports', (_req, res) => {
    res.status(201).json({ ok: true });
  });
  app.get(['/api/track/:token', '/track/:token'], (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/boom', () => {
    throw new Error('boom');
  });
  app.use((_err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(500).json({ error: 'boom' });
  });
  // pino writes asynchronously to the stream; a tick lets the line land.
  const settled = () => new Promise((r) => setImmediate(r));
  return { app, lines, settled };
}

describe('request log', () => {
  it('When a report is posted, then one line names the method, the path without its query, the status and the time, and nothing the reporter sent', async () => {
    const { app, lines, settled } = appLogging('info');
    await supertest(app).post('/api/reports?token=secret-token').send({ email: 'resident@example.org', phone: '07700900123' }).expect(201);
    await settled();
    expect(lines).to.have.length(1);
    const [line] = lines;
    expect(line).to.include({ level: 30, msg: 'request completed', responseTime: line.responseTime });
    expect(line.req).to.deep.equal({ id: 'req-1', method: 'POST', url: '/api/reports' });
    expect(line.res).to.deep.equal({ statusCode: 201 });
    expect(line.responseTime).to.be.a('number').and.at.least(0);
    const text = JSON.stringify(line);
    for (const secret of ['secret-token', 'resident@example.org', '07700900123']) expect(text).not.to.include(secret);
  });

  it('When a tracking link is followed (page or API), then the log line names the route but not the token, a bearer secret', async () => {
    const { app, lines, settled } = appLogging('info');
    const token = 'tk_9fQx2LmZ8rVb7NcW3sHd';
    await supertest(app).get(`/api/track/${token}`).expect(200);
    await supertest(app).get(`/track/${token}?utm=mail`).expect(200);
    await supertest(app).get(`/API/Track/${token}/`).expect(200);
    await settled();
    expect(lines.map((l) => (l.req as { url: string }).url)).to.deep.equal(['/api/track/[redacted]', '/track/[redacted]', '/API/Track/[redacted]/']);
    expect(JSON.stringify(lines)).not.to.include(token);
  });

  it('When the health check is polled, then it is not logged; when a route fails, then the line is at error level', async () => {
    const { app, lines, settled } = appLogging('info');
    await supertest(app).get('/healthz').expect(200);
    await supertest(app).get('/boom').expect(500);
    await settled();
    expect(lines.map((l) => [l.level, (l.req as { url: string }).url, (l.res as { statusCode: number }).statusCode])).to.deep.equal([[50, '/boom', 500]]);
  });

  it('When the log level is above info, then requests write nothing', async () => {
    const { app, lines, settled } = appLogging('warn');
    await supertest(app).post('/api/reports').send({}).expect(201);
    await settled();
    expect(lines).to.deep.equal([]);
  });
});
