/** Entry of the crew tablet app at /crew: service worker for the offline shell, then the app. */
import { render } from 'preact';
import { App } from './app.tsx';
import { boot, loggedIn, refreshRoute } from './state.ts';
import './crew.css';

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  // Scope /crew: the office app at / is not taken over by the crew's offline cache.
  void navigator.serviceWorker.register('/crew-sw.js', { scope: '/crew' }).catch(() => undefined);
  // The first visit loaded the route before the worker was in control: load it (and the report thumbnails) again through it, so they are there offline.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (navigator.onLine && loggedIn()) void refreshRoute();
  });
}

render(<App />, document.getElementById('app')!);
void boot();
