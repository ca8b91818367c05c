// The package's declarations under tsc --strict: properties, methods, typed events, define()
// and React 19 TSX, each with the mistakes they must refuse (@ts-expect-error fails the build
// when no error comes), under both nodenext and bundler module resolution.
import { before, describe, it } from 'node:test';
import { freshProject, sh, toolBin } from './support/projects.mjs';

describe('TypeScript', () => {
  let dir;
  before(async () => {
    dir = await freshProject('typescript', 'typescript', { link: ['typescript', 'react', '@types/react'] });
  });

  for (const config of ['tsconfig.json', 'tsconfig.bundler.json']) {
    it(`tsc --strict --noEmit passes the usage files (${config})`, async () => {
      await sh(process.execPath, [toolBin('typescript', 'bin/tsc'), '-p', config, '--strict', '--noEmit'], { cwd: dir });
    });
  }
});
