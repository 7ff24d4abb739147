import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fileErrorReason,
  inputKind,
  oneLine,
  reportUsage,
  writeOutputFile,
} from '../../lib/cli/io';
import { recordingIO } from './cli-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'bg-io-'));

describe('CLI plumbing', () => {
  test('oneLine keeps the first line and shows control characters as escapes', () => {
    expect(oneLine('x.yaml: not valid YAML: bad at line 2:\n\n  b: }\n     ^\n')).toBe(
      'x.yaml: not valid YAML: bad at line 2',
    );
    expect(oneLine('\n  token "\u001b[31mred\u0007"\r\n')).toBe('token "\\x1b[31mred\\x07"');
  });

  test('reportUsage writes one prefixed line and returns exit code 2', () => {
    const io = recordingIO();
    expect(reportUsage(io, 'brokerguard check', 'a\nb', { helpHint: true })).toBe(2);
    expect(io.err()).toBe('brokerguard check: a (see brokerguard check --help)\n');
  });

  test('inputKind tells files from directories and says what is wrong in words', () => {
    const full = join(dir, 'a.json');
    writeFileSync(full, '{}');
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '');
    expect(inputKind(full)).toBe('file');
    expect(inputKind(dir)).toBe('directory');
    expect(() => inputKind(join(dir, 'nope'))).toThrow(
      `cannot read ${join(dir, 'nope')}: no such file`,
    );
    expect(() => inputKind(join(full, 'x'))).toThrow(/a part of the path is not a directory/);
    expect(() => inputKind(empty)).toThrow(`${empty}: the file is empty`);
    expect(() => inputKind('/dev/null')).toThrow('cannot read /dev/null: not a regular file');
  });

  test('fileErrorReason names common codes in words and keeps the rest', () => {
    expect(fileErrorReason(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe(
      'permission denied',
    );
    expect(fileErrorReason(Object.assign(new Error('x'), { code: 'EMFILE' }))).toBe('EMFILE');
  });

  test('writeOutputFile names the file it cannot write', () => {
    expect(() => writeOutputFile(dir, 'x')).toThrow(
      `--output ${dir}: cannot write (a directory, not a file)`,
    );
  });
});
