import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import ownTables from './eslint-rules/own-tables.js';

const noFocusedTests = { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|describe|test)$/]", message: 'No focused tests.' };

// A change runs through the unit of work (platform/db/unit-of-work.ts), which refuses to commit
// a write without an audit entry: modules open no transaction of their own.
const noOwnTransactions = { selector: "CallExpression[callee.property.name='transaction']", message: 'Open a change with runChange (platform/db/unit-of-work.ts).' };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'bench/results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', noFocusedTests],
    },
  },
  // Module boundaries (docs/architecture.md): a module uses another only through that module's
  // `<name>.public.ts`, and a service it is given (a type import); only repositories query tables.
  {
    files: ['server/modules/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./[a-z-]+/[a-z-]+\\.service\\.ts$', allowTypeImports: true, message: "Another module's service is given to this one: import its type only." },
            { regex: '^\\.\\./[a-z-]+/[a-z-]+\\.(?!public\\.ts$|service\\.ts$)[a-z.-]+$', message: "Use what the other module exposes in its <name>.public.ts." },
          ],
        },
      ],
    },
  },
  {
    files: ['server/modules/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.repository.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        noFocusedTests,
        { selector: "CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|replaceInto|with)$/]", message: "Only the module's repository queries tables." },
        noOwnTransactions,
      ],
    },
  },
  // A repository queries only its own module's tables (eslint-rules/table-owners.js).
  {
    files: ['server/modules/**/*.repository.ts'],
    plugins: { trekant: { rules: { 'own-tables': ownTables } } },
    rules: { 'no-restricted-syntax': ['error', noOwnTransactions], 'trekant/own-tables': 'error' },
  },
);
