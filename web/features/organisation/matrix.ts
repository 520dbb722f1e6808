/** The forum matrix: filters kept in the URL, and the rows and column groups to show. */
import { FORUM_LEVELS, type TForumLevel, type TForumRole, type TMatrix } from '../../../contracts/organisation.ts';

export const MATRIX_SORTS = ['organisation', 'title', 'load'] as const;
export type MatrixSort = (typeof MATRIX_SORTS)[number];

export interface MatrixFilters {
  q: string;
  inScopeOnly: boolean;
  sort: MatrixSort;
}

/** The URL's words: ?q=…&skaerelinje=1&sortering=belastning. */
const SORT_WORDS: Record<MatrixSort, string> = { organisation: 'organisation', title: 'funktion', load: 'belastning' };

export function matrixFiltersFrom(params: URLSearchParams): MatrixFilters {
  const sortWord = params.get('sortering');
  const sort = (Object.entries(SORT_WORDS).find(([, word]) => word === sortWord)?.[0] ?? 'organisation') as MatrixSort;
  return { q: params.get('q') ?? '', inScopeOnly: params.get('skaerelinje') === '1', sort };
}

/** Writes the filters into `params`, keeping what else is there (the as-of date). */
export function withMatrixFilters(params: URLSearchParams, filters: MatrixFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (key: string, value: string | null) => (value ? next.set(key, value) : next.delete(key));
  set('q', filters.q);
  set('skaerelinje', filters.inScopeOnly ? '1' : null);
  set('sortering', filters.sort === 'organisation' ? null : SORT_WORDS[filters.sort]);
  return next;
}

export interface MatrixRow {
  fn: TMatrix['functions'][number];
  roles: Map<string, TForumRole>;
}

export function matrixRows(matrix: TMatrix, filters: MatrixFilters, collator: Intl.Collator): MatrixRow[] {
  const needle = filters.q.trim().toLocaleLowerCase('da');
  const roles = new Map<string, Map<string, TForumRole>>();
  for (const cell of matrix.cells) {
    if (!roles.has(cell.functionId)) roles.set(cell.functionId, new Map());
    roles.get(cell.functionId)!.set(cell.forumId, cell.role);
  }
  const byTitle = (a: MatrixRow, b: MatrixRow) => collator.compare(a.fn.title, b.fn.title) || collator.compare(a.fn.organisationName, b.fn.organisationName);
  const byOrganisation = (a: MatrixRow, b: MatrixRow) => collator.compare(a.fn.organisationName, b.fn.organisationName) || collator.compare(a.fn.title, b.fn.title);
  const compare: Record<MatrixSort, (a: MatrixRow, b: MatrixRow) => number> = {
    organisation: byOrganisation,
    title: byTitle,
    load: (a, b) => b.fn.forumCount - a.fn.forumCount || byTitle(a, b),
  };
  return matrix.functions
    .filter((fn) => !filters.inScopeOnly || fn.inScope)
    .filter((fn) => !needle || fn.title.toLocaleLowerCase('da').includes(needle) || fn.organisationName.toLocaleLowerCase('da').includes(needle))
    .map((fn) => ({ fn, roles: roles.get(fn.id) ?? new Map<string, TForumRole>() }))
    .sort(compare[filters.sort]);
}

/** The forums in column groups, strategic → coordinating → executing; empty levels left out. */
export function forumGroups(forums: TMatrix['forums']): { level: TForumLevel; forums: TMatrix['forums'] }[] {
  return FORUM_LEVELS.map((level) => ({ level, forums: forums.filter((f) => f.level === level) })).filter((g) => g.forums.length > 0);
}
