// ESLint 9 flat config: typescript-eslint strict (type-checked) plus eslint-plugin-regexp.
// A parser library lives or dies by its regular expressions: every ReDoS / super-linear rule is an error.
import js from '@eslint/js';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'docs/**',
      'coverage/**',
      'node_modules/**',
      '.tmp/**',
      'reports/**',
      '**/*.d.ts',
      '**/*.d.cts',
      // Benchmark results (generated) and scratch profiles: not source.
      'bench/results/**',
      '.prof*.mjs',
      // Deliberately broken parsers the conformance kit must catch: their flaws are the point.
      'examples/regressed/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  regexp.configs['flat/recommended'],
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Regular expressions: anything that can backtrack or move super-linearly on attacker input is a bug.
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': ['error', { report: 'potential', ignoreSticky: false, ignorePartial: false }],
      'regexp/no-misleading-capturing-group': 'error',
      'regexp/no-potentially-useless-backreference': 'error',
      'regexp/optimal-quantifier-concatenation': 'error',
      'regexp/no-dupe-disjunctions': ['error', { report: 'all' }],
      'regexp/no-empty-alternative': 'error',
      'regexp/no-lazy-ends': 'error',
      'regexp/prefer-regexp-exec': 'off',
      // Spelling preferences, not faults: reported, never blocking.
      'regexp/prefer-w': 'warn',
      'regexp/use-ignore-case': 'warn',
      'regexp/prefer-character-class': 'warn',
      'regexp/control-character-escape': 'warn',
      // A token parser and its reports match control characters on purpose (JSON, XML sanitising).
      'no-control-regex': 'off',
      // Numbers and booleans in template literals are fine (offsets, lengths, counts in messages).
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // With noUncheckedIndexedAccess every typed-array read is `T | undefined`; hot loops over bytes and
      // char codes index within bounds they have just checked and say so with `!` (see STYLE.md: plain
      // loops over typed arrays). `?? 0` would add a branch per byte and hide real misses just the same.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `_`-prefixed names are deliberately unused (placeholders, destructuring).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Plain JavaScript (benchmarks, scripts, this file): no type information, Node globals.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      'no-undef': 'off',
    },
  },
  {
    // Type-level tests hand methods to expectTypeOf(), which only reads their types.
    files: ['**/*.test-d.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // CommonJS files load modules with require().
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
