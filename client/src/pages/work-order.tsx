export default function WorkOrderPage({ id }: { id: string }) {
  return <div class="page"><h1>Work order {id}</h1></div>;
}
