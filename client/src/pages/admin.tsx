export default function AdminPage({ path }: { path: string }) {
  return <div class="page"><h1>Admin</h1><p>{path}</p></div>;
}
