import type { Session } from '../session.ts';
export default function DispatchPage({ view }: { session: Session; view: 'triage' | 'crews' }) {
  return <div class="page wide"><h1>{view === 'triage' ? 'Triage' : 'Crews today'}</h1></div>;
}
