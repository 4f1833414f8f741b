/** Entry of the crew tablet app at /crew: service worker for the offline shell, then the app. */
import { render } from 'preact';
import { App } from './app.tsx';
import { boot } from './state.ts';
import './crew.css';

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  // Scope /crew: the office app at / is not taken over by the crew's offline cache.
  void navigator.serviceWorker.register('/crew-sw.js', { scope: '/crew' }).catch(() => undefined);
}

render(<App />, document.getElementById('app')!);
void boot();
