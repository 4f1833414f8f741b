/**
 * Admin: users and roles (with councillors' ward subscriptions), crews and
 * shifts (with leave and changed hours), categories with questions and service
 * levels (added and edited), Code of Practice zones, sweeps and hotspots,
 * the on-call rota for 24/7 categories, partner API keys, weekly report emails and the typed settings.
 * Sections whose server API is not deployed say so instead of failing.
 * This file is the tab shell; each section lives in its own admin-*.tsx.
 */
import { Link } from '../router.tsx';
import { ApiKeysSection } from './admin-api-keys.tsx';
import { CategoriesSection } from './admin-categories.tsx';
import { CrewsSection } from './admin-crews.tsx';
import { OnCallSection } from './admin-on-call.tsx';
import { DeliveriesSection } from './admin-report-emails.tsx';
import { SettingsSection } from './admin-settings.tsx';
import { SweepsSection } from './admin-sweeps.tsx';
import { TransectsSection } from './admin-transects.tsx';
import { UsersSection } from './admin-users.tsx';
import { ZonesSection } from './admin-zones.tsx';
import './admin-sections.css';

/** The tabs in order: a section is one line here. */
const SECTIONS = [
  { path: '/admin', label: 'Users', Section: UsersSection },
  { path: '/admin/crews', label: 'Crews and shifts', Section: CrewsSection },
  { path: '/admin/categories', label: 'Categories', Section: CategoriesSection },
  { path: '/admin/on-call', label: 'On-call rota', Section: OnCallSection },
  { path: '/admin/zones', label: 'Zones', Section: ZonesSection },
  { path: '/admin/sweeps', label: 'Sweeps and hotspots', Section: SweepsSection },
  { path: '/admin/surveys', label: 'Cleanliness surveys', Section: TransectsSection },
  { path: '/admin/api-keys', label: 'Partner API keys', Section: ApiKeysSection },
  { path: '/admin/report-emails', label: 'Weekly report emails', Section: DeliveriesSection },
  { path: '/admin/settings', label: 'Settings', Section: SettingsSection },
];

export default function AdminPage({ path }: { path: string }) {
  const section = SECTIONS.find((s) => s.path === path) ?? SECTIONS[0];
  return (
    <div class="page admin">
      <h1>Admin: {section.label}</h1>
      <nav class="tabs" aria-label="Admin sections">
        {SECTIONS.map((s) => (
          <Link key={s.path} href={s.path} aria-current={s.path === section.path ? 'page' : undefined}>{s.label}</Link>
        ))}
      </nav>
      <section.Section />
    </div>
  );
}
