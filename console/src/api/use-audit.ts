import { useCallback, useState } from 'react';
import { consoleFetch, http } from './http';
import { saveFile } from './save-file';

/** One disclosure-log entry as the audit API returns it (ids and codes only, never names or content). */
export interface AuditEntry {
  index: number;
  entry: {
    id: string;
    kind: string;
    time: string;
    actor?: { principal: string; agency: string; roles: string[] };
    discloser?: string;
    recipient?: string;
    case?: string;
    outcome?: 'permitted' | 'denied';
    reason?: string;
  } | null;
}

export interface AuditFilters {
  agency?: string;
  case?: string;
  kind?: string;
  outcome?: 'permitted' | 'denied';
  /** ISO 8601 instants. */
  from?: string;
  to?: string;
}

type SearchState = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; entries: AuditEntry[]; nextCursor: number | null } | { status: 'failed'; message: string };

const PAGE = 50;

function query(filters: AuditFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== ''));
}

/** GET /ledger/audit/entries, page by page. The results live in the screen that shows them. */
export function useAuditSearch() {
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const [filters, setFilters] = useState<AuditFilters>({});

  const fetchPage = useCallback(async (wanted: AuditFilters, cursor?: number) => {
    const page = await http.request<{ entries: AuditEntry[]; nextCursor: number | null }>({
      method: 'GET',
      path: '/ledger/audit/entries',
      query: { ...query(wanted), limit: PAGE, cursor },
    });
    return page.body;
  }, []);

  const search = useCallback(
    async (wanted: AuditFilters) => {
      setFilters(wanted);
      setState({ status: 'loading' });
      try {
        const page = await fetchPage(wanted);
        setState({ status: 'ready', entries: page.entries, nextCursor: page.nextCursor });
      } catch (error) {
        setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    },
    [fetchPage],
  );

  const more = useCallback(async () => {
    if (state.status !== 'ready' || state.nextCursor === null) return;
    const page = await fetchPage(filters, state.nextCursor);
    setState({ status: 'ready', entries: [...state.entries, ...page.entries], nextCursor: page.nextCursor });
  }, [state, filters, fetchPage]);

  return { state, search, more };
}

/**
 * GET /ledger/audit/export as a file the browser saves: an explicit action (the screen warns that
 * the file lands on this computer).
 */
export async function exportAudit(filters: AuditFilters, format: 'csv' | 'ndjson'): Promise<string> {
  const params = new URLSearchParams({ ...query(filters), format });
  const response = await consoleFetch(`/ledger/audit/export?${params.toString()}`);
  if (!response.ok) throw new Error(`export refused (${response.status})`);
  return saveFile(`ccr-disclosure-log.${format}`, await response.blob());
}
