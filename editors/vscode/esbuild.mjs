// Bundles the extension (dist/extension.js) or, with --test, the tests
// (out/test/*.test.js; `vscode` is test/vscode-stub.ts there).
// Flags: --production (minify, no source map), --watch, --test.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const test = process.argv.includes('--test');

/** @type {import('esbuild').BuildOptions} */
const options = test
  ? {
      entryPoints: ['test/server.test.ts', 'test/extension.test.ts', 'test/serverPath.test.ts'],
      outdir: 'out/test',
      // The extension test runs the real extension code in node.
      alias: { vscode: './test/vscode-shim.js' },
    }
  : {
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      external: ['vscode'],
    };

const context = await esbuild.context({
  ...options,
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
});

if (watch) {
  await context.watch();
} else {
  await context.rebuild();
  await context.dispose();
}
