import { useState } from 'preact/hooks';
import { ApiError, describeError } from '../api.ts';
import { login, type Session } from '../session.ts';

export function LoginPage({ onLogin }: { onLogin: (s: Session) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(await login(email, password));
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'VALIDATION_FAILED' ? 'Enter your email address and password.' : describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page narrow">
      <h1>Staff login</h1>
      {error && <p class="banner error" role="alert">{error}</p>}
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="login-email">Email address</label>
          <input id="login-email" type="email" autocomplete="username" value={email} onInput={(e) => setEmail(e.currentTarget.value)} required />
        </div>
        <div class="field">
          <label for="login-password">Password</label>
          <input id="login-password" type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} required />
        </div>
        <button type="submit" disabled={busy}>{busy ? 'Logging in…' : 'Log in'}</button>
      </form>
    </div>
  );
}
