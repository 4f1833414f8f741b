/** Category icons drawn inline (no external assets, works offline, follows text colour). */
import type { ComponentChildren } from 'preact';

const PATHS: Record<string, ComponentChildren> = {
  syringe: (
    <>
      <path d="M18 2l4 4M20 4l-9.5 9.5M14 6l4 4M7.5 12.5l4 4M9 11l-5 5v4h4l5-5" />
      <path d="M4 20l-2 2" />
    </>
  ),
  biohazard: (
    <>
      <circle cx="12" cy="12" r="2.5" />
      <path d="M12 2a5 5 0 0 1 3 9M12 2a5 5 0 0 0-3 9M4 17a5 5 0 0 1 5.5-6M4 17a5 5 0 0 0 7 4M20 17a5 5 0 0 0-5.5-6M20 17a5 5 0 0 1-7 4" />
    </>
  ),
  sofa: (
    <>
      <path d="M5 10V7a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2v3" />
      <path d="M3 11a2 2 0 0 1 4 0v2h10v-2a2 2 0 0 1 4 0v6H3z" />
      <path d="M5 17v2M19 17v2" />
    </>
  ),
  litter: (
    <>
      <path d="M4 20h16" />
      <path d="M6 17l2-5 3 2-1 3zM13 17l1-4 4 1-1 3z" />
      <circle cx="9" cy="7" r="2" />
      <path d="M15 5l3 3" />
    </>
  ),
  spray: (
    <>
      <rect x="6" y="9" width="8" height="13" rx="1.5" />
      <path d="M8 9V6h4v3M12 6h2M17 4h1M19 6h1M17 8h1M21 4h.5" />
    </>
  ),
  'spray-alert': (
    <>
      <rect x="4" y="9" width="8" height="13" rx="1.5" />
      <path d="M6 9V6h4v3" />
      <path d="M18 4v8M18 16v.5" />
    </>
  ),
  paw: (
    <>
      <circle cx="7" cy="9" r="1.8" />
      <circle cx="11" cy="5.5" r="1.8" />
      <circle cx="15.5" cy="6.5" r="1.8" />
      <circle cx="18.5" cy="10.5" r="1.8" />
      <path d="M8 17c0-3 2-5 4.5-5S17 14 17 17a2.5 2.5 0 0 1-4 2 2.5 2.5 0 0 1-5-2z" />
    </>
  ),
  bin: (
    <>
      <path d="M4 7h16M9 7V4h6v3M6 7l1 14h10l1-14" />
      <path d="M10 11v6M14 11v6" />
      <path d="M8 2.5l1.5 1.5M16 2.5l-1.5 1.5" />
    </>
  ),
  leaf: (
    <>
      <path d="M5 19C5 9 10 4 20 4c0 10-5 15-15 15z" />
      <path d="M5 19L14 10" />
    </>
  ),
  pin: (
    <>
      <path d="M12 22s7-6.5 7-12a7 7 0 0 0-14 0c0 5.5 7 12 7 12z" />
      <circle cx="12" cy="10" r="2.5" />
    </>
  ),
  camera: (
    <>
      <path d="M3 8h4l2-3h6l2 3h4v12H3z" />
      <circle cx="12" cy="13.5" r="3.5" />
    </>
  ),
  locate: (
    <>
      <circle cx="12" cy="12" r="7" />
      <circle cx="12" cy="12" r="2" />
      <path d="M12 1v4M12 19v4M1 12h4M19 12h4" />
    </>
  ),
  other: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7M12 17v.5" />
    </>
  ),
};

export const ICON_NAMES = Object.keys(PATHS).filter((k) => !['pin', 'camera', 'locate'].includes(k));

export function Icon({ name, size = 32, title }: { name: string; size?: number; title?: string }) {
  return (
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden={title ? undefined : 'true'}
      role={title ? 'img' : undefined}
    >
      {title && <title>{title}</title>}
      {PATHS[name] ?? PATHS.other}
    </svg>
  );
}
