import { TABLE_OWNERS } from './table-owners.js';

/** Kysely methods whose first argument names a table: `'table'` or `'table as alias'`. */
const TABLE_METHODS = new Set([
  'selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'mergeInto', 'replaceInto', 'using', 'from',
  'innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'crossJoin', 'innerJoinLateral', 'leftJoinLateral', 'crossJoinLateral',
]);

/** A table named in raw SQL after one of these words (a comma-separated FROM list is not read). */
const RAW_TABLE = /\b(?:from|join|into|update|table)\s+"?([a-z_][a-z0-9_]*)/gi;

function methodName(callee) {
  if (callee.type === 'Identifier') return callee.name; // destructured from an expression builder
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  return null;
}

/** The string literals among a table argument (one name, or an array of them). */
function literalTables(node) {
  if (!node) return [];
  if (node.type === 'ArrayExpression') return node.elements.flatMap(literalTables);
  if (node.type === 'Literal' && typeof node.value === 'string') return [{ node, text: node.value }];
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return [{ node, text: node.quasis[0].value.cooked }];
  return [];
}

const isSqlTag = (tag) => tag.type === 'Identifier' && tag.name === 'sql';

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: "A module's repository queries only the tables its module owns (eslint-rules/table-owners.js)." },
    schema: [],
    messages: {
      otherModule: "Table '{{table}}' belongs to the {{owner}} module: use what server/modules/{{owner}}/{{owner}}.public.ts exposes.",
      platform: "Table '{{table}}' belongs to the platform ({{owner}}): use what server/{{owner}} exports.",
    },
  },
  create(context) {
    const module = /(?:^|\/)server\/modules\/([^/]+)\//.exec(context.filename.replaceAll('\\', '/'))?.[1];
    if (!module) return {};

    function check(node, table) {
      const owner = TABLE_OWNERS[table];
      // Names that are no table (a CTE, an alias) are left to the type checker.
      if (owner === undefined || owner === module) return;
      context.report({ node, messageId: owner.startsWith('platform/') ? 'platform' : 'otherModule', data: { table, owner } });
    }

    return {
      CallExpression(node) {
        const name = methodName(node.callee);
        const isSqlTable = name === 'table' && node.callee.type === 'MemberExpression' && isSqlTag(node.callee.object);
        if (!isSqlTable && !TABLE_METHODS.has(name)) return;
        for (const { node: arg, text } of literalTables(node.arguments[0])) check(arg, text.trim().split(/\s+as\s+/i)[0]);
      },
      TaggedTemplateExpression(node) {
        if (!isSqlTag(node.tag)) return;
        for (const quasi of node.quasi.quasis) {
          for (const match of (quasi.value.cooked ?? '').matchAll(RAW_TABLE)) check(quasi, match[1].toLowerCase());
        }
      },
    };
  },
};
