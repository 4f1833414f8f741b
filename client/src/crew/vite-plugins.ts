/**
 * Build-time plugins for the crew tablet app: the web app manifest and a
 * Workbox service worker (vite-plugin-pwa) scoped to /crew. The office app
 * shares the build but not the worker: the precache holds only the files the
 * crew entry reaches, and only crew.html gets the manifest link.
 */
import sharp from 'sharp';
import type { Plugin, PluginOption } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const BRAND = '#0b3d2e';

/** A plain, high-contrast app icon: a white kerb-and-bin mark on the brand green. */
const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<rect width="512" height="512" rx="96" fill="${BRAND}"/>
<rect x="96" y="372" width="320" height="44" rx="10" fill="#fff"/>
<path d="M176 170h160l-16 180H192z" fill="#fff"/>
<rect x="160" y="136" width="192" height="28" rx="8" fill="#fff"/>
<rect x="226" y="110" width="60" height="22" rx="6" fill="#fff"/>
</svg>`;

const ICON_SIZES = [192, 512];

/** Files the crew entry reaches (its chunks, CSS and assets), as paths relative to dist. */
interface BundleChunk {
  type: 'chunk';
  fileName: string;
  name: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}

function crewEntryFiles(bundle: Record<string, { type: string; fileName: string }>): Set<string> {
  const files = new Set<string>(['crew.html', 'crew.webmanifest', ...ICON_SIZES.map((s) => `crew-icon-${s}.png`)]);
  const chunks = new Map(Object.values(bundle).filter((f): f is BundleChunk => f.type === 'chunk').map((c) => [c.fileName, c]));
  const entry = [...chunks.values()].find((c) => c.isEntry && c.name === 'crew');
  const todo = entry ? [entry.fileName] : [];
  while (todo.length) {
    const name = todo.pop()!;
    if (files.has(name)) continue;
    files.add(name);
    const chunk = chunks.get(name);
    if (!chunk) continue;
    todo.push(...chunk.imports, ...chunk.dynamicImports);
    for (const f of [...(chunk.viteMetadata?.importedCss ?? []), ...(chunk.viteMetadata?.importedAssets ?? [])]) files.add(f);
  }
  return files;
}

export function crewPlugins(): PluginOption[] {
  let crewFiles = new Set<string>();

  const crewAssets: Plugin = {
    name: 'kerbside:crew-assets',
    apply: 'build',
    async generateBundle(_options, bundle) {
      for (const size of ICON_SIZES) {
        const png = await sharp(new TextEncoder().encode(ICON_SVG)).resize(size, size).png().toBuffer();
        this.emitFile({ type: 'asset', fileName: `crew-icon-${size}.png`, source: new Uint8Array(png) });
      }
      crewFiles = crewEntryFiles(bundle as unknown as Record<string, { type: string; fileName: string }>);
    },
  };

  const pwa = VitePWA({
    registerType: 'autoUpdate',
    injectRegister: false, // main.tsx registers it with scope /crew
    filename: 'crew-sw.js',
    manifestFilename: 'crew.webmanifest',
    scope: '/crew',
    manifest: {
      id: '/crew',
      name: 'Kerbside crew',
      short_name: 'Kerbside crew',
      description: "Today's street-cleansing jobs, before/after photos, works without signal.",
      start_url: '/crew',
      scope: '/crew',
      display: 'standalone',
      orientation: 'any',
      background_color: '#ffffff',
      theme_color: BRAND,
      icons: ICON_SIZES.map((s) => ({ src: `/crew-icon-${s}.png`, sizes: `${s}x${s}`, type: 'image/png', purpose: 'any' })),
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,png,svg}'],
      manifestTransforms: [async (entries) => ({ manifest: entries.filter((e) => crewFiles.has(e.url)), warnings: [] })],
      navigateFallback: 'crew.html',
      navigateFallbackAllowlist: [/^\/crew(\/|$)/],
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
      runtimeCaching: [
        {
          // Today's route: fresh when there is signal, the last copy when there is not.
          urlPattern: ({ url }) => url.pathname === '/api/crew/today',
          handler: 'NetworkFirst',
          options: { cacheName: 'crew-today', networkTimeoutSeconds: 6, cacheableResponse: { statuses: [200] }, expiration: { maxEntries: 4 } },
        },
        {
          urlPattern: ({ url }) => url.pathname === '/api/categories',
          handler: 'NetworkFirst',
          options: { cacheName: 'crew-reference', networkTimeoutSeconds: 6, cacheableResponse: { statuses: [200] } },
        },
        {
          // A photo's bytes never change under its id: keep report thumbnails for the back alley.
          urlPattern: ({ url }) => /^\/api\/photos\/[^/]+$/.test(url.pathname) && url.searchParams.get('size') === 'thumb',
          handler: 'CacheFirst',
          options: { cacheName: 'crew-thumbs', cacheableResponse: { statuses: [200] }, expiration: { maxEntries: 500, maxAgeSeconds: 3 * 24 * 3600 } },
        },
      ],
    },
  });

  // vite-plugin-pwa links the manifest from every page; the office app must not become installable as the crew app.
  const plugins = (pwa as Plugin[]).map((p) => {
    if (p.name !== 'vite-plugin-pwa:build' || !p.transformIndexHtml) return p;
    const original = p.transformIndexHtml as { handler: (html: string, ctx: { path: string }) => string };
    return {
      ...p,
      transformIndexHtml: {
        order: 'post' as const,
        handler: (html: string, ctx: { path: string }) => (ctx.path.endsWith('crew.html') ? original.handler(html, ctx) : html),
      },
    } as Plugin;
  });
  return [crewAssets, ...plugins];
}
