import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-output/**', 'renderer/dist/**'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    // The repositories are asynchronous: a store call without await runs outside its transaction
    // or after it, so a forgotten await is an error, not a style question.
    files: ['electron/**/*.ts', 'tests/**/*.ts'],
    ignores: ['tests/renderer/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
    },
  },
  {
    // 'electron' throws outside Electron: only the main process and the preload may import it,
    // so core, shared, host, server, cli and the renderer stay testable in plain Node.
    files: ['**/*.ts', '**/*.vue', '**/*.js', '**/*.mjs'],
    ignores: ['electron/main/**', 'electron/preload/**', 'tests/**', 'electron.vite.config.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Nur electron/main und electron/preload dürfen electron importieren.' }] }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='require'][arguments.0.value='electron']", message: 'Nur electron/main und electron/preload dürfen electron importieren.' },
      ],
    },
  },
  {
    // Issue 18's layering: engine adapters live under core/db behind the store and
    // AppContext.maintenance; the workflows and handlers above them never reach an engine.
    files: ['electron/core/services/**/*.ts', 'electron/core/api/handlers/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Nur electron/main und electron/preload dürfen electron importieren.' },
            { name: 'better-sqlite3', message: 'Dienste und Handler sprechen keine Datenbank-Engine an (store, ctx.maintenance).', allowTypeImports: true },
            { name: 'pg', message: 'Dienste und Handler sprechen keine Datenbank-Engine an (store, ctx.maintenance).', allowTypeImports: true },
          ],
          patterns: [
            {
              group: ['**/db/connection*', '**/db/sqlite-*', '**/db/postgres-*', '**/app-context*'],
              message: 'Dienste und Handler sprechen keine Datenbank-Engine an (store, ctx.maintenance).',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
