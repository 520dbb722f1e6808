import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { TABLE_OWNERS } from '../../../eslint-rules/table-owners.js';

// The map and the rule live in eslint-rules/ (the ESLint config is plain JavaScript); this test
// sits here because the unit project runs server/**/*.test.ts.
const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The property names of an interface or object literal in a source file, in source order. */
function propertyNames(file: string, isTarget: (node: ts.Node) => node is ts.InterfaceDeclaration | ts.ObjectLiteralExpression): string[] {
  const source = ts.createSourceFile(file, readFileSync(root + file, 'utf8'), ts.ScriptTarget.Latest, true);
  let names: string[] | undefined;
  const visit = (node: ts.Node): void => {
    if (isTarget(node)) names = (ts.isInterfaceDeclaration(node) ? node.members : node.properties).map((m) => (m.name as ts.Identifier).text);
    else ts.forEachChild(node, visit);
  };
  visit(source);
  if (!names) throw new Error(`nothing found in ${file}`);
  return names;
}

const schemaTables = propertyNames('server/platform/db/schema.ts', (n): n is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(n) && n.name.text === 'Database');
const declaredTables = propertyNames(
  'eslint-rules/table-owners.js',
  (n): n is ts.ObjectLiteralExpression => ts.isObjectLiteralExpression(n) && ts.isVariableDeclaration(n.parent) && (n.parent.name as ts.Identifier).text === 'TABLE_OWNERS',
);

describe('table owners', () => {
  it('names every table of the Database interface once, and nothing else', () => {
    expect(schemaTables.length).toBeGreaterThan(30);
    // Checked in the source: a key written twice would silently keep its last owner.
    expect(new Set(declaredTables).size).toBe(declaredTables.length);
    expect([...declaredTables].sort()).toEqual([...schemaTables].sort());
    expect(Object.keys(TABLE_OWNERS).sort()).toEqual([...schemaTables].sort());
  });

  it('gives each table an existing module or platform file', () => {
    for (const [table, owner] of Object.entries(TABLE_OWNERS)) {
      const path = owner.startsWith('platform/') ? `server/${owner}` : `server/modules/${owner}/${owner}.repository.ts`;
      expect(existsSync(root + path), `${table}: ${path}`).toBe(true);
    }
  });
});

describe('lint rule trekant/own-tables', () => {
  const eslint = new ESLint({ cwd: root });
  const ownTablesMessages = async (code: string, file: string) =>
    (await eslint.lintText(code, { filePath: root + file }))[0].messages.filter((m) => m.ruleId === 'trekant/own-tables').map((m) => m.message);

  const offending = `
    import { sql } from 'kysely';
    export const a = (db) => db.selectFrom('memberships as m').innerJoin('users', 'users.id', 'm.user_id').selectAll().execute();
    export const b = (db) => db.selectFrom('action_plans').where(({ exists, selectFrom }) => exists(selectFrom('efforts').select('id'))).execute();
    export const c = (db) => db.selectFrom(['action_plans', 'forums']).selectAll().execute();
    export const d = (db) => sql\`SELECT id FROM outbox\`.execute(db);
  `;

  it("reports another module's or the platform's table in a repository, naming its owner", async () => {
    expect(await ownTablesMessages(offending, 'server/modules/plans/plans.repository.ts')).toEqual([
      "Table 'memberships' belongs to the identity module: use what server/modules/identity/identity.public.ts exposes.",
      "Table 'users' belongs to the identity module: use what server/modules/identity/identity.public.ts exposes.",
      "Table 'efforts' belongs to the efforts module: use what server/modules/efforts/efforts.public.ts exposes.",
      "Table 'forums' belongs to the organisation module: use what server/modules/organisation/organisation.public.ts exposes.",
      "Table 'outbox' belongs to the platform (platform/mail.ts): use what server/platform/mail.ts exports.",
    ]);
  });

  it("accepts the module's own tables, aliases and names that are no table", async () => {
    const owned = `
      import { sql } from 'kysely';
      export const a = (db) => db.with('recent', (q) => q.selectFrom('action_plans').select('id')).selectFrom('recent').selectAll().execute();
      export const b = (db) => db.selectFrom('action_plan_versions').innerJoin('action_plans as p', 'p.id', 'action_plan_versions.plan_id').selectAll().execute();
      export const c = (db) => sql\`SELECT extract(year FROM decided_at) FROM action_plan_decisions\`.execute(db);
    `;
    expect(await ownTablesMessages(owned, 'server/modules/plans/plans.repository.ts')).toEqual([]);
  });

  it('checks repositories of modules only', async () => {
    expect(await ownTablesMessages(offending, 'server/platform/mail.ts')).toEqual([]);
    expect(await ownTablesMessages(offending, 'server/modules/plans/plans.service.ts')).toEqual([]);
  });
});
