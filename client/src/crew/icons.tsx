/**
 * Category and camera icons as inline SVG: tablets without an emoji font (and
 * screenshots in CI) still show them, and they stay sharp at any size.
 */
import type { JSX } from 'preact';

const S = { fill: 'none', stroke: 'currentColor', 'stroke-width': 2.5, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' } as const;

const SHAPES: Record<string, JSX.Element> = {
  syringe: (
    <g {...S}>
      <path d="M30 6l4 4M32 8l-6 6M26 8l6 6" />
      <path d="M24 10L10 24l6 6 14-14z" />
      <path d="M10 24l-6 6M13 27l-3 3M14 20l3 3M18 16l3 3" />
    </g>
  ),
  biohazard: (
    <g {...S}>
      <path d="M20 5L36 33H4z" />
      <path d="M20 15v9" />
      <circle cx="20" cy="28.5" r="0.8" fill="currentColor" />
    </g>
  ),
  sofa: (
    <g {...S}>
      <path d="M9 19v-6a3 3 0 013-3h16a3 3 0 013 3v6" />
      <path d="M5 19a3 3 0 016 0v3h18v-3a3 3 0 016 0v9H5z" />
      <path d="M8 28v4M32 28v4" />
    </g>
  ),
  bin: (
    <g {...S}>
      <path d="M7 11h26M16 11V7h8v4" />
      <path d="M10 11l2 23h16l2-23" />
      <path d="M17 16v13M23 16v13" />
    </g>
  ),
  spray: (
    <g {...S}>
      <rect x="11" y="15" width="12" height="20" rx="2" />
      <path d="M14 15v-4h6v4M17 11V8h4" />
      <path d="M27 8h.01M31 6h.01M31 11h.01M35 8h.01" stroke-width="3" />
    </g>
  ),
  paw: (
    <g {...S}>
      <ellipse cx="20" cy="26" rx="7" ry="6" />
      <circle cx="10" cy="17" r="3" />
      <circle cx="16" cy="10" r="3" />
      <circle cx="24" cy="10" r="3" />
      <circle cx="30" cy="17" r="3" />
    </g>
  ),
  leaf: (
    <g {...S}>
      <path d="M8 32C8 16 18 8 33 7c0 15-8 25-24 25z" />
      <path d="M8 32L24 16" />
    </g>
  ),
  pin: (
    <g {...S}>
      <path d="M20 36s11-10 11-19a11 11 0 00-22 0c0 9 11 19 11 19z" />
      <circle cx="20" cy="17" r="4" />
    </g>
  ),
};

const ALIASES: Record<string, string> = { litter: 'bin', 'spray-alert': 'spray' };

export function CategoryIcon({ icon, size = 44 }: { icon: string | undefined; size?: number }) {
  const shape = SHAPES[ALIASES[icon ?? ''] ?? icon ?? ''] ?? SHAPES.pin;
  return (
    <svg class="cat-icon" width={size} height={size} viewBox="0 0 40 40" aria-hidden="true">
      {shape}
    </svg>
  );
}

export function CameraIcon() {
  return (
    <svg width="30" height="30" viewBox="0 0 40 40" aria-hidden="true">
      <g {...S}>
        <path d="M5 13h7l3-5h10l3 5h7v20H5z" />
        <circle cx="20" cy="22" r="6" />
      </g>
    </svg>
  );
}
