import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { HOOK_RULES_FILE, renderHookRules } from '../policy/guard/hook-rules';

/**
 * Where the package keeps its generated rules file: the package root is two folders above this
 * file in the sources (lib/organization/) and three above it when built (dist/lib/organization/).
 */
const PACKAGE_ROOTS = [join(__dirname, '..', '..'), join(__dirname, '..', '..', '..')];

/** The fallback copy written by this process, shared by every hook it builds. */
let written: { readonly path: string; readonly rules: string } | undefined;

/**
 * The path of a file holding the Guard rules the hook uploads (`renderHookRules()`).
 *
 * The package ships them as rules/brokerguard.guard; that file is used when it holds exactly
 * the rules this code renders, so a synth writes nothing outside its cloud assembly. When it is
 * missing or differs (the kit bundled into another file, or a rule changed without
 * `npm run docs`), the rules are written once per process to a private temporary folder
 * (created with mode 0700 by `mkdtemp`), which is removed when the process exits: by then the
 * asset has been copied into the cloud assembly.
 *
 * @param packageRoots folders to look for rules/brokerguard.guard in, first match wins
 */
export function hookRulesFile(packageRoots: readonly string[] = PACKAGE_ROOTS): string {
  const rules = renderHookRules();
  for (const root of packageRoots) {
    const shipped = join(root, HOOK_RULES_FILE);
    if (existsSync(shipped) && readFileSync(shipped, 'utf8') === rules) return shipped;
  }
  if (written?.rules !== rules) {
    const dir = mkdtempSync(join(tmpdir(), 'brokerguard-hook-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, basename(HOOK_RULES_FILE));
    writeFileSync(path, rules);
    written = { path, rules };
  }
  return written.path;
}
