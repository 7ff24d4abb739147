import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A position in an original (TypeScript) source file; line and column are 1-based. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

interface DecodedMap {
  readonly sources: string[];
  /** Per generated line: segments [genCol, srcIndex, srcLine, srcCol], 0-based, absolute. */
  readonly lines: number[][][];
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 VLQ, as source maps v3 encode it: 5 value bits per digit, sign in the lowest bit. */
function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = B64.indexOf(ch);
    if (digit < 0) return out;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

function decode(mapFile: string): DecodedMap | undefined {
  let raw: { sources?: string[]; sourceRoot?: string; mappings?: string };
  try {
    raw = JSON.parse(readFileSync(mapFile, 'utf8'));
  } catch {
    return undefined;
  }
  const base = resolve(dirname(mapFile), raw.sourceRoot ?? '');
  const sources = (raw.sources ?? []).map((s) => resolve(base, s));
  const lines: number[][][] = [];
  let src = 0;
  let srcLine = 0;
  let srcCol = 0;
  for (const line of (raw.mappings ?? '').split(';')) {
    let genCol = 0;
    const segments: number[][] = [];
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const v = decodeVlq(seg);
      genCol += v[0];
      if (v.length >= 4) {
        src += v[1];
        srcLine += v[2];
        srcCol += v[3];
        segments.push([genCol, src, srcLine, srcCol]);
      }
    }
    lines.push(segments);
  }
  return { sources, lines };
}

const cache = new Map<string, DecodedMap | undefined>();

/**
 * Maps a position in compiled JavaScript back to its TypeScript source through the `.js.map`
 * next to it (tsc's `sourceMap: true`); undefined when there is no map or no mapping.
 */
export function originalPosition(
  jsFile: string,
  line: number,
  column: number,
): SourcePosition | undefined {
  const mapFile = `${jsFile}.map`;
  if (!cache.has(mapFile)) cache.set(mapFile, existsSync(mapFile) ? decode(mapFile) : undefined);
  const map = cache.get(mapFile);
  const segments = map?.lines[line - 1];
  if (!map || !segments?.length) return undefined;
  let best = segments[0];
  for (const s of segments) if (s[0] <= column - 1) best = s;
  return { file: map.sources[best[1]], line: best[2] + 1, column: best[3] + 1 };
}
