/**
 * `npm run cli -- <command>`: what an operator does from a shell.
 *   migrate
 *   create-user --email E --role R [--name N] [--password P]   (generates and prints a password if none given)
 *   create-api-key --name "Merseyside Police"                   (prints the key once, as the last line)
 *   revoke-api-key <id or key prefix>
 *   list-api-keys
 *   seed [--demo]                                               (reference data; with --demo the demo users and crews)
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { buildServices, demoSeedDeps } from './composition-root.js';
import { seedDemo } from './seed/demo.js';
import { seedReferenceData } from './seed/reference-data.js';
import { ROLES, type Role } from './users/roles.js';

const USAGE = `Usage: npm run cli -- <command> [options]
  migrate                                    run pending database migrations
  create-user --email E --role R [--name N] [--password P]
                                             roles: ${ROLES.join(', ')}
  create-api-key --name "Merseyside Police"  prints the key once (last line)
  revoke-api-key <id|prefix>
  list-api-keys
  seed [--demo]                              reference data (and demo users/crews)`;

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 64;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, demo: { type: 'boolean' } },
  });
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const deps = await buildServices(config);
  try {
    switch (command) {
      case 'migrate':
        console.log('Migrations are up to date.');
        return 0;
      case 'create-user': {
        if (!values.email || !values.role) throw new UsageError('create-user needs --email and --role');
        if (!ROLES.includes(values.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
        const password = values.password ?? randomBytes(9).toString('base64url');
        const user = await deps.users.create({ email: values.email, role: values.role as Role, name: values.name ?? values.email.split('@')[0], password });
        console.log(`Created ${user.role} ${user.email} (${user.id})`);
        if (!values.password) console.log(`Password: ${password}`);
        return 0;
      }
      case 'create-api-key': {
        if (!values.name) throw new UsageError('create-api-key needs --name');
        const { client, key } = await deps.apiClients.create(values.name);
        console.log(`Created API key for ${client.name} (${client.id}). It is shown only now; store it safely:`);
        console.log(key);
        return 0;
      }
      case 'revoke-api-key': {
        const id = positionals[0];
        if (!id) throw new UsageError('revoke-api-key needs an id or key prefix');
        const c = await deps.apiClients.revoke(id);
        console.log(`Revoked ${c.name} (${c.id}) at ${c.revokedAt}`);
        return 0;
      }
      case 'list-api-keys':
        for (const c of await deps.apiClients.list()) console.log(`${c.id}  ${c.keyPrefix}…  ${c.revokedAt ? 'REVOKED' : 'active '}  ${c.name}`);
        return 0;
      case 'seed': {
        console.log(await seedReferenceData(deps.db));
        if (values.demo) console.log(await seedDemo(demoSeedDeps(deps)));
        return 0;
      }
      default:
        throw new UsageError(`Unknown command "${command}"`);
    }
  } finally {
    // The live-event connection (PostgreSQL) would keep the process alive.
    await deps.events.close();
    await deps.db.close();
  }
}

class UsageError extends Error {}

main().then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof UsageError) console.error(`${e.message}\n\n${USAGE}`);
    else if (e instanceof ConfigError) console.error(e.message);
    else console.error(e instanceof Error ? `${e.name}: ${e.message}` : e);
    process.exit(e instanceof UsageError ? 64 : 1);
  },
);
