// Called by Maven (server/pom.xml, generate-resources): installs dependencies with `npm ci` only when
// node_modules is missing or package-lock.json changed, and runs `npm run build` only when a source changed
// since the last build, so a repeat `./mvnw package` costs well under a second here.
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const lockStamp = join(root, 'node_modules', '.revtops-lock-sha256');
const buildStamp = join(root, 'node_modules', '.revtops-build-stamp'); // not in dist: dist is copied into the jar

const sha = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const run = (cmd) => {
  console.log(`[frontend] ${cmd}`);
  execSync(cmd, { cwd: root, stdio: 'inherit' });
};

const lockHash = sha(join(root, 'package-lock.json'));
if (!existsSync(lockStamp) || readFileSync(lockStamp, 'utf8') !== lockHash) {
  run('npm ci --no-audit --no-fund');
  writeFileSync(lockStamp, lockHash);
} else {
  console.log('[frontend] node_modules is up to date with package-lock.json');
}

// newest modification time of the inputs of the build
function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), s.mtimeMs);
}
const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package-lock.json']
  .map((p) => join(root, p))
  .filter(existsSync);
const inputsTime = Math.max(...inputs.map(newest));
const built = existsSync(buildStamp) && existsSync(join(root, 'dist', 'index.html')) ? Number(readFileSync(buildStamp, 'utf8')) : 0;
if (process.env.REVTOPS_FRONTEND_FORCE === '1' || inputsTime > built) {
  run('npm run build');
  writeFileSync(buildStamp, String(inputsTime));
} else {
  console.log('[frontend] dist is up to date with the sources');
}
