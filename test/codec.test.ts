import { readdirSync, readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  DecodeError,
  decodeValue,
  encodeValue,
  fromStoredRecord,
  parseRecord,
  serializeRecord,
  toStoredRecord,
} from '../src/codec.ts'
import { toErrorRecord } from '../src/error-record.ts'
import { EncodeError, NotRegistered } from '../src/errors.ts'
import type { ErrorRecord, ResultRecord } from '../src/protocol.ts'

const VECTORS = new URL('../../shared/celery-vectors/results/', import.meta.url)

function record(result: unknown, extra: Partial<ResultRecord> = {}): ResultRecord {
  return {
    task_id: 't-1',
    status: 'SUCCESS',
    result,
    traceback: null,
    children: [],
    date_done: '2026-01-02T03:04:05.678Z',
    ...extra,
  }
}

function viaText(value: unknown): unknown {
  return parseRecord(serializeRecord(record(value))).result
}

function viaJson(value: unknown): unknown {
  return decodeValue(JSON.parse(JSON.stringify(encodeValue(value))))
}

const bytes = new Uint8Array([0, 1, 2, 250, 255])
const SAMPLES: Record<string, unknown> = {
  string: 'héllo \u0000 "__type__"',
  number: 42.5,
  negativeZero: -0,
  nan: Number.NaN,
  infinities: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
  booleanAndNull: [true, false, null],
  undefinedInObject: { a: undefined, b: 1 },
  undefinedInArray: [undefined, 1],
  bigint: 12345678901234567890123n,
  date: new Date('2026-11-27T05:29:37.498Z'),
  invalidDate: new Date(Number.NaN),
  map: new Map<unknown, unknown>([
    [1, 'one'],
    ['k', new Set([1n])],
    [{ x: 1 }, [2]],
  ]),
  set: new Set(['a', 1, new Date(0)]),
  regexp: /a+\/b/giu,
  arrayBuffer: bytes.buffer.slice(0),
  uint8: bytes,
  views: [
    new Int8Array([-1, 2]),
    new Uint8ClampedArray([255]),
    new Int16Array([-300]),
    new Uint16Array([65535]),
    new Int32Array([-1 << 30]),
    new Uint32Array([2 ** 32 - 1]),
    new Float32Array([1.5]),
    new Float64Array([Math.PI, Number.NaN]),
    new BigInt64Array([-(2n ** 63n)]),
    new BigUint64Array([2n ** 64n - 1n]),
  ],
  subarray: new Uint16Array([1, 2, 3, 4]).subarray(1, 3),
  dataView: new DataView(new Uint8Array([9, 8, 7]).buffer),
  boxed: [Object(1), Object('s'), Object(false)],
  nested: { list: [{ m: new Map([['d', new Date(1)]]) }], deep: { deeper: { big: 1n } } },
  emptyThings: [[], {}, new Map(), new Set(), new Uint8Array(0)],
}

describe('encodeValue / decodeValue', () => {
  for (const [name, value] of Object.entries(SAMPLES)) {
    it(`round-trips ${name} through JSON and through a record`, () => {
      expect(viaJson(value)).toStrictEqual(value)
      expect(viaText(value)).toStrictEqual(value)
    })
  }

  it('keeps -0 and NaN distinct', () => {
    expect(Object.is(viaText(-0), -0)).toBe(true)
    expect(Number.isNaN(viaText(Number.NaN))).toBe(true)
    expect(Object.is(viaText(0), 0)).toBe(true)
  })

  it('returns plain JSON data unchanged, without copying', () => {
    const plain = { a: [1, 'x', { b: null }], c: true }
    expect(encodeValue(plain)).toBe(plain)
    expect(decodeValue(plain)).toBe(plain)
  })

  it('reads a null-prototype object back as a plain object, as structured clone does', () => {
    expect(viaText(Object.assign(Object.create(null), { a: 1 }))).toStrictEqual({ a: 1 })
  })

  it('reads array holes back as undefined', () => {
    // biome-ignore lint/suspicious/noSparseArray: the case under test
    expect(viaJson([1, , 3])).toStrictEqual([1, undefined, 3])
  })

  it('rebuilds errors with name, message, code, cause and fields', () => {
    const error = Object.assign(new RangeError('bad', { cause: new Error('root') }), {
      code: 'E_BAD',
      extra: { n: 1n },
    })
    const back = viaText({ error }) as { error: Error & { code: string; extra: unknown } }
    expect(back.error).toBeInstanceOf(Error)
    expect(back.error.name).toBe('RangeError')
    expect(back.error.message).toBe('bad')
    expect(back.error.code).toBe('E_BAD')
    expect(back.error.extra).toStrictEqual({ n: 1n })
    expect((back.error.cause as Error).message).toBe('root')
    expect(back.error.stack).toBe(error.stack)
  })
})

describe('escaping objects that have a __type__ key', () => {
  const lookalikes: Record<string, unknown> = {
    'a fake tag': { __type__: 'map', __value__: [[1, 2]] },
    'an unknown tag': { __type__: 'nope', __value__: 1 },
    'a lone key': { __type__: 1 },
    'an escape lookalike': {
      __type__: 'object',
      __value__: { __type__: 'bigint', __value__: '1' },
    },
    'nested in a map': new Map([['k', { __type__: 'set', __value__: [] }]]),
    'with tagged values inside': { __type__: 'x', when: new Date(5), n: 2n },
  }
  for (const [name, value] of Object.entries(lookalikes)) {
    it(`round-trips ${name}`, () => {
      expect(viaJson(value)).toStrictEqual(value)
      expect(viaText(value)).toStrictEqual(value)
    })
  }

  it('never sets a prototype from a __proto__ key', () => {
    const text = '{"__proto__": {"polluted": true}, "d": {"__type__": "bigint", "__value__": "7"}}'
    const decoded = decodeValue(JSON.parse(text)) as Record<string, unknown>
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype)
    expect(Object.hasOwn(decoded, '__proto__')).toBe(true)
    expect(decoded.d).toBe(7n)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(viaJson(decoded)).toStrictEqual(decoded)
  })
})

describe('what cannot be encoded', () => {
  function refusal(value: unknown): string {
    try {
      serializeRecord(record(value))
    } catch (error) {
      expect(error).toBeInstanceOf(EncodeError)
      return (error as Error).message
    }
    throw new Error('expected an EncodeError')
  }

  it('names the path of a function, a symbol and a class instance', () => {
    expect(refusal({ a: [1, { fn: () => 1 }] })).toMatch(/result\.a\[1\]\.fn: a function/)
    expect(refusal(new Map([['k', Symbol('s')]]))).toMatch(/result\.get\(k\): a symbol/)
    expect(refusal({ 'odd key': new (class Point {})() })).toMatch(
      /result\["odd key"\]: an instance of class Point/,
    )
  })

  it('refuses cycles and shared references, naming where', () => {
    const cyclic: Record<string, unknown> = { a: {} }
    ;(cyclic.a as Record<string, unknown>).back = cyclic
    expect(refusal(cyclic)).toMatch(/result\.a\.back: this object appears twice/)
    const shared = { x: 1 }
    expect(refusal([shared, shared])).toMatch(/result\[1\]/)
  })

  it('names args when the arguments cannot be encoded', () => {
    expect(() => serializeRecord(record(1, { args: [1, () => 2] }))).toThrow(/args\[1\]/)
  })

  it('lets the same object appear in result and args', () => {
    const shared = [1, 2]
    const back = parseRecord(serializeRecord(record(shared, { args: shared })))
    expect(back.args).toStrictEqual(back.result)
  })
})

describe('stored shape', () => {
  const failure: ErrorRecord = {
    name: 'ValueError',
    message: 'boom',
    stack: 'ValueError: boom\n    at f (x.js:1:1)',
    code: 'E_VALUE',
    cause: { name: 'NotRegistered', message: 'add', code: 'ERR_NOT_REGISTERED' },
    fields: { when: new Date(3), n: 5n },
  }
  const failed = record(failure, {
    status: 'FAILURE',
    traceback: 'ValueError: boom\n    at f (x.js:1:1)',
    parent_id: 'p',
    group_id: null,
    name: 'tasks.add',
    args: [1, 2],
    retries: 2,
  })

  it('writes errors as Celery does, with our extra keys', () => {
    const stored = toStoredRecord(failed)
    expect(Object.keys(stored)).toEqual([
      'status',
      'result',
      'traceback',
      'children',
      'date_done',
      'parent_id',
      'group_id',
      'name',
      'args',
      'retries',
      'task_id',
    ])
    expect(stored.result).toStrictEqual({
      exc_type: 'ValueError',
      exc_message: ['boom'],
      exc_module: 'builtins',
      exc_code: 'E_VALUE',
      exc_cause: {
        exc_type: 'NotRegistered',
        exc_message: ['add'],
        exc_module: 'celeriac',
        exc_code: 'ERR_NOT_REGISTERED',
      },
      exc_fields: failure.fields,
      exc_stack: failure.stack,
    })
    expect(fromStoredRecord(stored)).toStrictEqual(failed)
  })

  it('round-trips a failure through text', () => {
    expect(parseRecord(serializeRecord(failed))).toStrictEqual(failed)
  })

  it('round-trips an error record made from a real celeriac error', () => {
    const error = toErrorRecord(new NotRegistered('nope', { cause: new TypeError('inner') }))
    const revoked = record(error, { status: 'REVOKED' })
    expect(JSON.parse(serializeRecord(revoked)).result.exc_module).toBe('celeriac')
    expect(parseRecord(serializeRecord(revoked))).toStrictEqual(revoked)
  })

  it('leaves non-error results in exception states alone (RETRY without exc)', () => {
    const retry = record(null, { status: 'RETRY', date_done: null })
    expect(parseRecord(serializeRecord(retry))).toStrictEqual(retry)
  })

  it('keeps an error-shaped SUCCESS value as a value', () => {
    const ok = record({ name: 'n', message: 'm' })
    expect(toStoredRecord(ok).result).toStrictEqual({ name: 'n', message: 'm' })
  })

  it('round-trips children tuples', () => {
    const children: ResultRecord['children'] = [
      [['c1', null], null],
      [
        ['g1', null],
        [
          [['m1', null], null],
          [['m2', [['p', null], null]], null],
        ],
      ],
    ]
    expect(parseRecord(serializeRecord(record(1, { children }))).children).toStrictEqual(children)
  })
})

describe('records written by Celery (celery-vectors/results)', () => {
  const files = vectorFiles()

  it('finds the vectors', () => {
    expect(files.length).toBeGreaterThan(20)
  })

  for (const file of files) {
    it(`decodes ${file}`, () => {
      const vector = JSON.parse(readFileSync(new URL(file, VECTORS), 'utf8'))
      const decoded = parseRecord(vector.raw, file)
      const meta = vector.decoded
      expect(decoded.task_id).toBe(meta.task_id)
      expect(decoded.status).toBe(meta.status)
      expect(decoded.traceback).toBe(meta.traceback)
      expect(decoded.children).toStrictEqual(meta.children)
      expect(decoded.date_done).toBe(meta.date_done)
      if (meta.name !== undefined) expect(decoded.name).toBe(meta.name)
      if (meta.args !== undefined) expect(decoded.args).toStrictEqual(meta.args)
      if (['FAILURE', 'RETRY', 'REVOKED'].includes(meta.status)) {
        expect(decoded.result).toStrictEqual({
          name: meta.result.exc_type,
          message: meta.result.exc_message[0],
        })
      } else expect(decoded.result).toStrictEqual(meta.result)
    })
  }

  it('writes what Celery wrote, byte for byte, for a plain SUCCESS', () => {
    const raw =
      '{"status": "SUCCESS", "result": 4, "traceback": null, "children": [], "date_done": "2026-11-27T05:29:37.498548", "task_id": "b96ce721-a173-42be-9ead-70d7ac2e8006"}'
    expect(serializeRecord(parseRecord(raw))).toBe(JSON.stringify(JSON.parse(raw)))
  })
})

describe('parseRecord of bad text', () => {
  const cases: Record<string, [string, RegExp]> = {
    'invalid JSON': ['{"status": ', /store\.db: not a result record: invalid JSON/],
    'an array': ['[1]', /store\.db: .*expected a JSON object, got an array/],
    'no task_id': ['{"status": "SUCCESS", "result": 1}', /store\.db: .*"task_id" is missing/],
    'no status': ['{"task_id": "x", "result": 1}', /"status" is missing/],
    'bad children': ['{"task_id": "x", "status": "S", "result": 1, "children": 3}', /children/],
    'unknown tag': [
      '{"task_id": "x", "status": "SUCCESS", "result": {"__type__": "pickle", "__value__": ""}}',
      /store\.db \(task x\): Unknown tag "pickle"/,
    ],
    'malformed tag': [
      '{"task_id": "x", "status": "SUCCESS", "result": [{"__type__": "bigint", "__value__": "1.5"}]}',
      /store\.db \(task x\): Malformed "bigint" tag/,
    ],
  }
  for (const [name, [text, message]] of Object.entries(cases)) {
    it(`names the source and the problem: ${name}`, () => {
      expect(() => parseRecord(text, 'store.db')).toThrow(DecodeError)
      expect(() => parseRecord(text, 'store.db')).toThrow(message)
    })
  }
})

function vectorFiles(): string[] {
  const root = fileURLToPath(VECTORS)
  const out: string[] = []
  for (const name of readdirSync(root)) {
    if (statSync(root + name).isDirectory()) {
      for (const inner of readdirSync(root + name)) out.push(`${name}/${inner}`)
    } else if (/__(SUCCESS|FAILURE|RETRY|REVOKED)__|_RETRY_record/.test(name)) out.push(name)
  }
  return out.filter((file) => {
    const vector = JSON.parse(readFileSync(new URL(file, VECTORS), 'utf8'))
    return typeof vector.raw === 'string' && vector.decoded?.task_id !== undefined
  })
}
