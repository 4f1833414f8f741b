import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { audienceOf, type RouteDef } from './route.js';

extendZodWithOpenApi(z);

const errorSchema = z.object({
  error: z.object({
    code: z.string().meta({ example: 'STALE_VERSION' }),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string(),
  }),
});

/** The OpenAPI 3.1 document, generated from the same route definitions and zod schemas that validate requests. */
export function buildOpenApiDocument(routes: RouteDef[], info: { title: string; version: string; description?: string }) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'kerbside.sid' });
  registry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer', description: 'Partner API key' });
  for (const r of routes) {
    const audience = audienceOf(r.id);
    const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const responses: Record<string, { description: string; content?: Record<string, { schema: z.ZodType }> }> = {};
    for (const [status, doc] of Object.entries(r.responses ?? { [r.status ?? 200]: { description: 'OK' } })) {
      responses[status] = doc.schema
        ? { description: doc.description, content: { [doc.contentType ?? 'application/json']: { schema: doc.schema } } }
        : { description: doc.description };
    }
    responses.default = { description: 'Error', content: { 'application/json': { schema: errorSchema } } };
    const body = r.body ?? r.bodyDoc;
    const bodyContentType =
      r.bodyType === 'multipart' ? 'multipart/form-data' : r.bodyType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
    registry.registerPath({
      method: r.method,
      path,
      operationId: r.id,
      summary: r.summary,
      description: `Allowed: ${audience.join(', ')}`,
      tags: r.tags,
      request: {
        ...(r.params ? { params: r.params as never } : {}),
        ...(r.query ? { query: r.query as never } : {}),
        ...(body ? { body: { content: { [bodyContentType]: { schema: body } } } } : {}),
      },
      responses: responses as never,
      security: audience.includes('public') ? [] : [{ session: [] }, ...(audience.includes('partner') ? [{ apiKey: [] }] : [])],
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
  });
}

/** Where the docs page's script is served: a file, so the page runs under the app's `script-src 'self'`. */
export const DOCS_SCRIPT_PATH = '/api/docs/docs.js';

/** A dependency-free docs page: the document rendered as a readable list (Scalar and Redoc need Node 22). */
export function docsPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kerbside API</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#111}
h1{margin-bottom:0}code{background:#f2f2f2;padding:1px 4px;border-radius:3px}
.op{border:1px solid #ccc;border-radius:6px;margin:.6rem 0;padding:.5rem .8rem}.m{font-weight:700;text-transform:uppercase;display:inline-block;width:4.5em}
.get{color:#05668d}.post{color:#2d6a4f}.put,.patch{color:#9c6644}.delete{color:#9d0208}details pre{background:#f7f7f7;padding:.5rem;overflow:auto;font-size:12px}</style>
</head><body><h1>Kerbside API</h1><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors always look like
<code>{"error":{"code","message","details","requestId"}}</code>.</p><div id="ops">Loading…</div>
<script src="${DOCS_SCRIPT_PATH}"></script></body></html>`;
}

/** The docs page's script: fetches the OpenAPI document and lists its operations by tag. */
export function docsScript(): string {
  return `fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{
  const el=document.getElementById('ops'); el.textContent='';
  const esc=s=>String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
  const byTag={};
  for(const [p,ops] of Object.entries(doc.paths||{})) for(const [m,op] of Object.entries(ops)) (byTag[(op.tags||['other'])[0]] ||= []).push([m,p,op]);
  for(const [tag,ops] of Object.entries(byTag)){
    const h=document.createElement('h2'); h.textContent=tag; el.appendChild(h);
    for(const [m,p,op] of ops){
      const d=document.createElement('div'); d.className='op';
      d.innerHTML='<span class="m '+m+'">'+m+'</span> <code>'+esc(p)+'</code> — '+esc(op.summary||'')+'<br><small>'+esc(op.description||'')+'</small>'+
        '<details><summary>schema</summary><pre>'+esc(JSON.stringify({request:op.requestBody,parameters:op.parameters,responses:op.responses},null,1))+'</pre></details>';
      el.appendChild(d);
    }
  }
});
`;
}
