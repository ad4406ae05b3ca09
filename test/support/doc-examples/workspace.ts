import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, stop } from 'esbuild';
import { entryPointCommand } from '../entry-points';
import { REPO_ROOT } from '../service-process';

/**
 * Where the documents' shell examples run (decision 0059): a scratch folder that looks like a
 * checkout after `npm start` (src, node_modules and tsconfig.json link to this repository;
 * dist/src/cli/main.js is ccrx built from the current sources, in one file as the ccrx package
 * builds it), a `bin` folder with `ccrx` for documents that assume the package is installed, and
 * a HOME and TMPDIR of its own. Nothing an example writes lands in the repository.
 */
export class DocWorkspace {
  readonly checkout: string;
  readonly bin: string;
  readonly home: string;
  readonly tmp: string;
  /** `npm run admin`: this checkout's operator command: its build when current, else from source (entryPointCommand). */
  readonly admin: string;
  /** The built CLI, as `node dist/src/cli/main.js` of a built checkout. */
  readonly cli: string;

  private constructor(readonly root: string) {
    [this.checkout, this.bin, this.home, this.tmp, this.admin] = ['checkout', 'bin', 'home', 'tmp', 'ccr-admin'].map((name) => join(root, name));
    this.cli = join(this.checkout, 'dist/src/cli/main.js');
  }

  static async create(): Promise<DocWorkspace> {
    const workspace = new DocWorkspace(await mkdtemp(join(tmpdir(), 'ccr-doc-examples-')));
    await Promise.all([workspace.checkout, workspace.bin, workspace.home, workspace.tmp].map((path) => mkdir(path, { recursive: true })));
    for (const name of ['src', 'node_modules', 'tsconfig.json', 'package.json']) await symlink(join(REPO_ROOT, name), join(workspace.checkout, name));
    await build({
      entryPoints: [join(REPO_ROOT, 'src/cli/main.ts')],
      outfile: workspace.cli,
      absWorkingDir: REPO_ROOT,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    await stop(); // esbuild's service process would keep the Jest worker alive
    await writeFile(join(workspace.bin, 'ccrx'), `#!/bin/sh\nexec node "${workspace.cli}" "$@"\n`, { mode: 0o755 });
    await writeFile(workspace.admin, `#!/bin/sh\nexec ${entryPointCommand('src/admin/main.ts')} "$@"\n`, { mode: 0o755 });
    return workspace;
  }

  remove(): Promise<void> {
    return rm(this.root, { recursive: true, force: true });
  }
}

