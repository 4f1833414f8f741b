/** Placeholder for the crew tablet app (issue 9 replaces this). */
import { render } from 'preact';
import '../styles/base.css';

function CrewPlaceholder() {
  return (
    <main class="page">
      <h1>Kerbside crew</h1>
      <p>The crew tablet app is being built.</p>
    </main>
  );
}

render(<CrewPlaceholder />, document.getElementById('app')!);
