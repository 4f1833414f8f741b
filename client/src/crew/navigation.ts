/** Which crew screen is showing: the location hash (#/job/<id>/complete), so the tablet's back button works. */
import { useEffect, useState } from 'preact/hooks';

export type Screen = { name: 'route' } | { name: 'job' | 'complete' | 'cant'; jobId: string } | { name: 'sync' } | { name: 'login' } | { name: 'surveys' } | { name: 'survey'; visitId: string };

function parseHash(hash: string): Screen {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'job' && parts[1]) {
    const name = parts[2] === 'complete' ? 'complete' : parts[2] === 'cant' ? 'cant' : 'job';
    return { name, jobId: decodeURIComponent(parts[1]) };
  }
  if (parts[0] === 'surveys') return parts[1] ? { name: 'survey', visitId: decodeURIComponent(parts[1]) } : { name: 'surveys' };
  if (parts[0] === 'sync') return { name: 'sync' };
  if (parts[0] === 'login') return { name: 'login' };
  return { name: 'route' };
}

export function go(hash: string): void {
  location.hash = hash;
}

export function useScreen(): Screen {
  const [screen, setScreen] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => {
      setScreen(parseHash(location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return screen;
}
