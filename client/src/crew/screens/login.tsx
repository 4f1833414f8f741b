/** Logging in at the start of a shift. */
import { useState } from 'preact/hooks';
import { login } from '../state.ts';
import { go } from '../navigation.ts';
import { useBusy } from '../widgets.tsx';

export function LoginScreen() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, run] = useBusy();
  return (
    <main class="login">
      <h1>Kerbside crew</h1>
      <p>Log in once at the start of your shift.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const err = await login(email.trim(), password);
            setError(err);
            if (!err) go('#/');
          });
        }}
      >
        <label>
          Email
          <input type="email" name="email" autoComplete="username" value={email} onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)} required />
        </label>
        <label>
          Password
          <input type="password" name="password" autoComplete="current-password" value={password} onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} required />
        </label>
        {error && <p class="error" role="alert">{error}</p>}
        <button class="btn btn-go btn-big" type="submit" disabled={busy}>
          Log in
        </button>
      </form>
    </main>
  );
}
