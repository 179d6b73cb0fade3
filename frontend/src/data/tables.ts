// How the data browser shows each table: its columns, and the filters it offers (the server's allow-list decides).

export type Format = 'text' | 'date' | 'datetime' | 'money' | 'number' | 'bool' | 'link' | 'bytes';

export interface Column { key: string; label: string; format?: Format; sort?: string }
export interface Filter { key: string; label: string; kind: 'select' | 'text'; options?: { value: string; label: string }[] }

export interface TableView {
  name: string;
  label: string;
  singular: string;
  columns: Column[];
  filters: Filter[];
  dateLabel: string;
}

const yesNo = [
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

export const TABLES: TableView[] = [
  {
    name: 'accounts', label: 'Accounts', singular: 'Account', dateLabel: 'Updated',
    columns: [
      { key: 'name', label: 'Name', sort: 'name' },
      { key: 'domain', label: 'Domain', sort: 'domain' },
      { key: 'industry', label: 'Industry', sort: 'industry' },
      { key: 'employee_count', label: 'Employees', format: 'number', sort: 'employee_count' },
      { key: 'annual_revenue', label: 'Revenue', format: 'money', sort: 'annual_revenue' },
      { key: 'owner_name', label: 'Owner' },
      { key: 'source_system', label: 'Source' },
    ],
    filters: [{ key: 'industry', label: 'Industry', kind: 'text' }],
  },
  {
    name: 'contacts', label: 'Contacts', singular: 'Contact', dateLabel: 'Updated',
    columns: [
      { key: 'display_title', label: 'Name', sort: 'name' },
      { key: 'email', label: 'Email', sort: 'email' },
      { key: 'title', label: 'Title', sort: 'title' },
      { key: 'account_name', label: 'Account' },
      { key: 'source_system', label: 'Source' },
    ],
    filters: [{ key: 'title', label: 'Title', kind: 'text' }],
  },
  {
    name: 'deals', label: 'Deals', singular: 'Deal', dateLabel: 'Close date',
    columns: [
      { key: 'name', label: 'Name', sort: 'name' },
      { key: 'amount', label: 'Amount', format: 'money', sort: 'amount' },
      { key: 'stage_name', label: 'Stage', sort: 'stage_name' },
      { key: 'close_date', label: 'Close date', format: 'date', sort: 'close_date' },
      { key: 'account_name', label: 'Account' },
      { key: 'owner_name', label: 'Owner' },
      { key: 'source_system', label: 'Source' },
    ],
    filters: [
      { key: 'is_closed', label: 'Closed', kind: 'select', options: yesNo },
      { key: 'is_won', label: 'Won', kind: 'select', options: yesNo },
      { key: 'stage_name', label: 'Stage', kind: 'text' },
    ],
  },
  {
    name: 'activities', label: 'Activities', singular: 'Activity', dateLabel: 'Date',
    columns: [
      { key: 'display_title', label: 'Subject', sort: 'subject' },
      { key: 'type', label: 'Type', sort: 'type' },
      { key: 'activity_date', label: 'Date', format: 'datetime', sort: 'activity_date' },
      { key: 'from_email', label: 'From' },
      { key: 'account_name', label: 'Account' },
    ],
    filters: [
      {
        key: 'type', label: 'Type', kind: 'select',
        options: ['email', 'call', 'note', 'slack_message', 'meeting', 'task', 'transcript'].map((v) => ({ value: v, label: v.replace('_', ' ') })),
      },
      { key: 'direction', label: 'Direction', kind: 'select', options: [{ value: 'inbound', label: 'Inbound' }, { value: 'outbound', label: 'Outbound' }] },
    ],
  },
  {
    name: 'meetings', label: 'Meetings', singular: 'Meeting', dateLabel: 'Start',
    columns: [
      { key: 'display_title', label: 'Title', sort: 'title' },
      { key: 'start_time', label: 'Start', format: 'datetime', sort: 'start_time' },
      { key: 'organizer_email', label: 'Organizer' },
      { key: 'source_system', label: 'Source' },
    ],
    filters: [{ key: 'organizer_email', label: 'Organizer email', kind: 'text' }],
  },
  {
    name: 'tracker_issues', label: 'Issues', singular: 'Issue', dateLabel: 'Updated',
    columns: [
      { key: 'identifier', label: 'ID', sort: 'identifier' },
      { key: 'title', label: 'Title', sort: 'title' },
      { key: 'state', label: 'State', sort: 'state' },
      { key: 'priority', label: 'Priority', format: 'number', sort: 'priority' },
      { key: 'assignee_email', label: 'Assignee' },
      { key: 'due_date', label: 'Due', format: 'date', sort: 'due_date' },
    ],
    filters: [
      { key: 'state', label: 'State', kind: 'text' },
      { key: 'assignee_email', label: 'Assignee email', kind: 'text' },
    ],
  },
  {
    name: 'github_pull_requests', label: 'Pull requests', singular: 'Pull request', dateLabel: 'Updated',
    columns: [
      { key: 'number', label: '#', format: 'number', sort: 'number' },
      { key: 'title', label: 'Title', sort: 'title' },
      { key: 'state', label: 'State', sort: 'state' },
      { key: 'author_login', label: 'Author' },
      { key: 'updated_at_source', label: 'Updated', format: 'datetime', sort: 'updated_at_source' },
    ],
    filters: [
      { key: 'state', label: 'State', kind: 'select', options: [{ value: 'open', label: 'Open' }, { value: 'closed', label: 'Closed' }, { value: 'merged', label: 'Merged' }] },
      { key: 'author_login', label: 'Author', kind: 'text' },
    ],
  },
  {
    name: 'shared_files', label: 'Files', singular: 'File', dateLabel: 'Modified',
    columns: [
      { key: 'name', label: 'Name', sort: 'name' },
      { key: 'mime_type', label: 'Type', sort: 'mime_type' },
      { key: 'folder_path', label: 'Folder' },
      { key: 'size_bytes', label: 'Size', format: 'bytes', sort: 'size_bytes' },
      { key: 'modified_time', label: 'Modified', format: 'datetime', sort: 'modified_time' },
    ],
    filters: [{ key: 'owner_email', label: 'Owner email', kind: 'text' }],
  },
];

export function tableView(name: string): TableView | undefined {
  return TABLES.find((t) => t.name === name);
}

export function formatValue(v: unknown, format: Format = 'text'): string {
  if (v === null || v === undefined || v === '') return '—';
  switch (format) {
    case 'date':
      return typeof v === 'string' ? new Date(`${v.slice(0, 10)}T00:00:00`).toLocaleDateString() : String(v);
    case 'datetime':
      return typeof v === 'string' ? new Date(v).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : String(v);
    case 'money':
      return Number(v).toLocaleString(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
    case 'number':
      return Number(v).toLocaleString();
    case 'bool':
      return v ? 'Yes' : 'No';
    case 'bytes': {
      const n = Number(v);
      if (n < 1024) return `${n} B`;
      if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
      return `${(n / 1024 ** 2).toFixed(1)} MB`;
    }
    default:
      if (typeof v === 'boolean') return v ? 'Yes' : 'No';
      return typeof v === 'string' ? v : Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

/** Only web addresses become links (never javascript: or data:). */
export function safeUrl(v: unknown): string | null {
  return typeof v === 'string' && /^https?:\/\//i.test(v) ? v : null;
}
