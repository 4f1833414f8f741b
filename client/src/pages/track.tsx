export function TrackPage({ token }: { token: string }) {
  return <div class="page narrow"><h1>Your report</h1><p>{token}</p></div>;
}
