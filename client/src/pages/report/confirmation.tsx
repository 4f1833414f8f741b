/** After sending: the reference, what happens next and the tracking link; focus moves to the heading. */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { formatDateTime } from '../../dates.ts';
import { Link } from '../../router.tsx';
import type { ReportReceipt } from './draft.ts';

export function Confirmation({ receipt, onAnother }: { receipt: ReportReceipt; onAnother: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // In the same commit that shows the confirmation, not a frame later: no moment in which focus sits on
  // the page body (a screen reader would announce nothing, a key press would go nowhere).
  useLayoutEffect(() => heading.current?.focus(), []);
  return (
    <div class="page narrow">
      <div class="panel confirm" role="status">
        <h1 ref={heading} tabIndex={-1}>Report sent – thank you</h1>
        <p>Your reference is</p>
        <strong class="reference" data-testid="reference">{receipt.reference}</strong>
      </div>
      <h2>What happens next</h2>
      <p>
        A member of the street cleansing team checks every report{receipt.ward ? ` for ${receipt.ward.name}` : ''} and sends a crew.
        {receipt.dueAt && <> We aim to deal with it by <strong>{formatDateTime(receipt.dueAt)}</strong>.</>}
      </p>
      <p>
        <Link href={`/track/${encodeURIComponent(receipt.trackingToken)}`}>Follow your report</Link> — keep this link; it is the only way to see progress
        without an email address.
      </p>
      <p>
        Anyone can see <Link href={`/reports/${encodeURIComponent(receipt.reference)}`}>the public page for {receipt.reference}</Link>: where it is and what
        has happened, with no personal details, so you can share it with neighbours.
      </p>
      <button type="button" class="secondary" onClick={onAnother}>Report another problem</button>
    </div>
  );
}
