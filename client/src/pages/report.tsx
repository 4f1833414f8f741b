export function ReportPage() {
  return <div class="page narrow"><h1>Report a street problem</h1></div>;
}
