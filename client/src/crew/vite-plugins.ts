/** Vite plugins for the crew tablet app (service worker, manifest). Owned by the crew app; placeholder until it lands. */
import type { PluginOption } from 'vite';

export function crewPlugins(): PluginOption[] {
  return [];
}
