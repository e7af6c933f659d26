// The Tyk Dashboard's own pages, from a connection's address (the Dashboard serves its UI and its API
// at the same origin: the API under /api). Only the sections of its menu, which every version has:
// the Dashboard's routes of single items are not published.
import { trimTrailingSlashes } from './connectionSettings';

export type DashboardSection = 'home' | 'apis' | 'keys' | 'policies';

const PATHS: Record<DashboardSection, string> = { home: '/', apis: '/apis', keys: '/keys', policies: '/policies' };

export function dashboardPageUrl(baseUrl: string, section: DashboardSection): string {
  return `${trimTrailingSlashes(baseUrl)}${PATHS[section]}`;
}
