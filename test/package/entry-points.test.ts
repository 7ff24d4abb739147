import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The package's entry points as a user's code reaches them: by name, through package.json
// `exports`, in a fresh Node process (node resolves a package's own name from inside it). They
// need `npm run build && npm run bundle` first, as `npm test` does.
const root = join(__dirname, '..', '..');

/** Loads `specifier` in a child process, runs `then` on it and returns what it printed as JSON. */
function inChild(specifier: string, then = 'Object.keys(mod)'): any {
  const script = `
    const Module = require('node:module');
    const load = Module._load;
    const sdkImports = new Set();
    Module._load = function (request, parent, ...rest) {
      if (request.startsWith('@aws-sdk/') && parent && !parent.filename.includes('node_modules')) {
        sdkImports.add(parent.filename.slice(${JSON.stringify(root)}.length + 1) + ' -> ' + request);
      }
      return load.call(this, request, parent, ...rest);
    };
    const mod = require(${JSON.stringify(specifier)});
    const loaded = Object.keys(require.cache);
    const packageOf = (f) => {
      const m = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(f);
      return m ? m[1] : null;
    };
    Promise.resolve(${then}).then((result) => {
      process.stdout.write(JSON.stringify({
        result,
        packages: [...new Set(loaded.map(packageOf).filter(Boolean))].sort(),
        sdkImports: [...sdkImports].sort(),
        files: loaded.filter((f) => !packageOf(f)).map((f) => f.slice(${JSON.stringify(root)}.length)),
      }));
    });
  `;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`loading ${specifier} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe('brokerguard/runtime, the entry a trading server imports', () => {
  test('exports the session token provider, the login-event emitter and the automation switch', () => {
    const { result } = inChild('brokerguard/runtime');
    expect(result).toEqual(
      expect.arrayContaining([
        'SessionTokenProvider',
        'LoginEventEmitter',
        'AutomationSwitch',
        'automationSwitchParameterName',
        'parseSessionSecret',
        'BrokerGuardError',
      ]),
    );
  });

  test('loads no package at all: no aws-cdk-lib, constructs, cdk-nag, zod, yaml or AWS SDK', () => {
    // The SDK clients it uses are inside the bundle, so a server needs nothing installed.
    const { packages, files } = inChild('brokerguard/runtime');
    expect(packages).toEqual([]);
    expect(files).toEqual(['/dist/bundle/runtime.js']);
  });

  test('emits a login event line, as documented', () => {
    const { result } = inChild(
      'brokerguard/runtime',
      `(() => {
        const lines = [];
        const emitter = new mod.LoginEventEmitter({
          segment: 'automation',
          write: (line) => lines.push(line),
          clock: () => new Date('2026-01-05T14:30:00Z'),
        });
        emitter.emit('session_competing', { detail: 'competing=true' });
        return lines.map((l) => JSON.parse(l));
      })()`,
    );
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ event: 'session_competing', segment: 'automation' });
  });

  test('its errors are BrokerGuardError with a code, from the same entry', () => {
    const { result } = inChild(
      'brokerguard/runtime',
      `(() => {
        try { new mod.LoginEventEmitter({ segment: 'trading' }); return 'no error'; }
        catch (e) { return { isKitError: e instanceof mod.BrokerGuardError, code: e.code, message: e.message }; }
      })()`,
    );
    expect(result).toEqual({
      isKitError: true,
      code: 'LOGIN_EVENT',
      message: expect.stringContaining('got "trading"'),
    });
  });
});

describe('brokerguard, the construct entry', () => {
  test('exports the constructs, the policy pack and the config loader', () => {
    const { result } = inChild('brokerguard');
    expect(result).toEqual(
      expect.arrayContaining([
        'BrokerGuardStack',
        'AccessSegment',
        'BrokerGuardChecks',
        'parseConfig',
      ]),
    );
  });

  test('loads no AWS SDK: construct code talks to AWS only through CloudFormation', () => {
    // The SDK ships only inside the handler, CLI and runtime bundles (it is a devDependency),
    // so a user's app that imports the constructs must never reach it.
    // A failure lists each kit module that requires an SDK client.
    const { packages, sdkImports } = inChild('brokerguard');
    expect(sdkImports).toEqual([]);
    expect(packages.filter((p: string) => p.startsWith('@aws-sdk/'))).toEqual([]);
  });
});

describe('package.json exports', () => {
  test('nothing under dist/ is an import path', () => {
    const run = spawnSync(
      process.execPath,
      ['-e', 'require.resolve("brokerguard/dist/lib/index.js")'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  test('package.json itself is exported, for tools that read the version', () => {
    expect(inChild('brokerguard/package.json', 'mod.name').result).toBe('brokerguard');
  });
});
