import type { Session } from '../session.ts';
export default function CouncillorPage({ session }: { session: Session }) {
  return <div class="page"><h1>Ward dashboard</h1><p>{session.wardCodes.join(', ')}</p></div>;
}
